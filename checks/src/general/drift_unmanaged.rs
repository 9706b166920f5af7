//! Drift findings come from `cloudsentinel drift`; there is no IaC example for them.

use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;
use cloudsentinel_model::drift::DriftKind;

declare_check! {
    /// Drift only (`cloudsentinel drift`). Flags a live resource of a scanned type that no
    /// scanned source declares (Terraform state, CloudFormation stack, IaC). Resources owned
    /// by a CloudFormation stack are never unmanaged. Low, or the severity of the worst
    /// check the resource fails.
    ///
    /// Unmanaged resources escape review and are forgotten: they are where shadow IT and
    /// leftovers of incidents hide.
    pub static CHECK = {
        id: "drift-unmanaged",
        title: "Live resource is not managed as code",
        severity: Low,
        risk_score: 3.0,
        provider: General,
        service: "drift",
        formats: [],
        compliance: {
            NIST_800_53: ["CM-8"],
            ISO_27001: ["A.5.9"],
            SOC2: ["CC8.1"],
        },
        aliases: [],
        remediation: "Import the resource into Terraform (`terraform import`) or a CloudFormation stack (resource import), or delete it if nobody owns it.",
        references: ["https://developer.hashicorp.com/terraform/cli/import"],
        examples: [],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    super::drift_modified::report_kind(state, report, DriftKind::Unmanaged);
}

#[cfg(test)]
mod tests {
    #[test]
    fn unmanaged_findings() {
        let f = crate::run_checks(
            &super::super::drift_modified::tests::state(),
            &[&super::CHECK],
        );
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].severity, crate::Severity::Low);
        assert!(f[0].message.contains("declared by no scanned source"));
    }
}
