//! Drift findings come from `cloudsentinel drift`, which compares declared and live state;
//! there is no IaC example for them. Tested with hand-built drift records below.

use crate::check::Severity;
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::drift::{Drift, DriftKind, Impact};
use cloudsentinel_model::{Meta, Origin, State};

declare_check! {
    /// Drift only (`cloudsentinel drift`). Flags a live resource attribute that differs from
    /// what Terraform state, a CloudFormation stack or the IaC declares. Graded by impact:
    /// critical or high when the live value fails a check that the declared value passes
    /// (ingress 22 opened to 0.0.0.0/0 where 10.0.0.0/8 was declared), low otherwise. When
    /// the declaration has source (`--iac`, alone or joined to `--tfstate` or `--cfn-stack`),
    /// the finding points at the line declaring the attribute and names the live ARN too.
    ///
    /// Out-of-band changes bypass review, are lost on the next apply, and are where
    /// emergency fixes and attackers alike leave their marks.
    pub static CHECK = {
        id: "drift-modified",
        title: "Live resource differs from its declaration",
        severity: Low,
        risk_score: 3.5,
        provider: General,
        service: "drift",
        formats: [],
        compliance: {
            NIST_800_53: ["CM-3", "CM-6"],
            ISO_27001: ["A.8.9", "A.8.32"],
            SOC2: ["CC8.1"],
        },
        aliases: [],
        remediation: "Bring the live resource back to its declaration (`terraform apply`, a stack update), or adopt the change in the code if it was intended.",
        references: ["https://developer.hashicorp.com/terraform/tutorials/state/resource-drift"],
        examples: [],
        run: run,
    }
}

pub(crate) fn severity(i: Impact) -> Severity {
    match i {
        Impact::Low => Severity::Low,
        Impact::Medium => Severity::Medium,
        Impact::High => Severity::High,
        Impact::Critical => Severity::Critical,
    }
}

pub(crate) fn report_kind(state: &State, report: &mut Report, kind: DriftKind) {
    for d in state.drift.iter().filter(|d| d.kind == kind) {
        // Declared in IaC: point at the declaration (the live identity is kept).
        let at = match &d.declared_at {
            o @ Origin::Source(_) => o.clone(),
            _ => d.resource.origin.clone(),
        };
        report.add_graded(
            &d.resource,
            &Meta::explicit(at),
            message(d),
            severity(d.impact),
        );
    }
}

/// The finding's text: what differs, declared and live values (or their diff), and why it
/// is graded as it is.
pub(crate) fn message(d: &Drift) -> String {
    let mut m = match d.kind {
        DriftKind::Modified => format!(
            "{} {}: {} changed out of band",
            d.resource_type,
            d.identity,
            d.attribute.as_deref().unwrap_or("an attribute")
        ),
        DriftKind::Deleted => format!(
            "{} {} is declared but does not exist live",
            d.resource_type, d.identity
        ),
        DriftKind::Unmanaged => format!(
            "{} {} exists live but is declared by no scanned source",
            d.resource_type, d.identity
        ),
    };
    if let Some(reason) = &d.reason {
        m.push_str(&format!(" ({reason})"));
    }
    match (&d.diff, &d.declared, &d.live) {
        (Some(diff), _, _) => {
            m.push('\n');
            m.push_str(diff.trim_end());
        }
        (None, Some(declared), Some(live)) => {
            m.push_str(&format!("; declared {declared}, live {live}"));
        }
        _ => {}
    }
    m
}

fn run(state: &State, report: &mut Report) {
    report_kind(state, report, DriftKind::Modified);
}

#[cfg(test)]
pub(crate) mod tests {
    use cloudsentinel_model::drift::{Drift, DriftKind, Impact};
    use cloudsentinel_model::{Origin, ResourceMeta, State};

    pub(crate) fn state() -> State {
        let live = |id: &str| Origin::Live {
            id: id.into(),
            region: Some("us-east-1".into()),
        };
        let mk = |kind, id: &str, impact| Drift {
            kind,
            resource: ResourceMeta::new(cloudsentinel_model::Provider::Aws, id, live(id)),
            resource_type: "aws_security_group".into(),
            identity: id.rsplit('/').next().unwrap_or(id).into(),
            attribute: (kind == DriftKind::Modified).then(|| "ingress".into()),
            declared: Some("22 from 10.0.0.0/8".into()),
            live: Some("22 from 0.0.0.0/0".into()),
            diff: None,
            impact,
            reason: None,
            declared_at: Origin::None,
        };
        State {
            drift: vec![
                mk(
                    DriftKind::Modified,
                    "arn:aws:ec2:us-east-1:1:security-group/sg-1",
                    Impact::High,
                ),
                mk(
                    DriftKind::Deleted,
                    "arn:aws:ec2:us-east-1:1:security-group/sg-2",
                    Impact::Medium,
                ),
                mk(
                    DriftKind::Unmanaged,
                    "arn:aws:ec2:us-east-1:1:security-group/sg-3",
                    Impact::Low,
                ),
            ],
            ..State::default()
        }
    }

    #[test]
    fn modified_findings_carry_their_impact() {
        let f = crate::run_checks(&state(), &[&super::CHECK]);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].severity, crate::Severity::High);
        assert!(
            f[0].message
                .contains("declared 22 from 10.0.0.0/8, live 22 from 0.0.0.0/0")
        );
        assert_eq!(
            f[0].live_id,
            Some(Box::new((
                "arn:aws:ec2:us-east-1:1:security-group/sg-1".into(),
                Some("us-east-1".into())
            )))
        );
    }
}
