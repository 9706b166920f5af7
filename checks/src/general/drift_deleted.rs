//! Drift findings come from `cloudsentinel drift`; there is no IaC example for them.

use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;
use cloudsentinel_model::drift::DriftKind;

declare_check! {
    /// Drift only (`cloudsentinel drift`). Flags a resource that Terraform state, a
    /// CloudFormation stack or the IaC declares but that does not exist live.
    ///
    /// A resource deleted out of band is recreated by the next apply, possibly with data
    /// loss, and whatever depended on it is broken meanwhile.
    pub static CHECK = {
        id: "drift-deleted",
        title: "Declared resource does not exist live",
        severity: Medium,
        risk_score: 4.5,
        provider: General,
        service: "drift",
        formats: [],
        compliance: {
            NIST_800_53: ["CM-3", "CM-8"],
            ISO_27001: ["A.8.9"],
            SOC2: ["CC8.1"],
        },
        aliases: [],
        remediation: "Recreate the resource from its declaration, or remove the declaration (`terraform state rm`, a stack update) if the deletion was intended.",
        references: ["https://developer.hashicorp.com/terraform/cli/commands/plan#planning-modes"],
        examples: [],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    super::drift_modified::report_kind(state, report, DriftKind::Deleted);
}

#[cfg(test)]
mod tests {
    #[test]
    fn deleted_findings() {
        let f = crate::run_checks(
            &super::super::drift_modified::tests::state(),
            &[&super::CHECK],
        );
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].severity, crate::Severity::Medium);
        assert!(f[0].message.contains("does not exist live"));
    }
}
