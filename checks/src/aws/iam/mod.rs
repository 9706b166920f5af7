pub mod group_admin_managed_policy;
pub mod policy_admin;
pub mod policy_allow_not_action;
pub mod policy_wildcard_action;
pub mod privesc_assume_role_policy;
pub mod privesc_attach_policy;
pub mod privesc_credentials;
pub mod privesc_passrole;
pub mod privesc_policy_version;
pub mod role_admin_managed_policy;
pub mod role_cross_account_no_external_id;
pub mod role_public_trust;
pub mod root_access_key;
pub mod stale_access_key;
pub mod user_admin_managed_policy;
pub mod user_attached_policy;
pub mod user_no_mfa;
pub mod weak_password_policy;

use crate::aws::{Verdict, Verdicts};
use crate::finding::Report;
use cloudsentinel_model::aws::iam::{Attachment, Statement};
use cloudsentinel_model::{ResourceMeta, State, Value};

/// All of `values` are known.
pub(crate) fn all_known(values: &[Value<String>]) -> bool {
    values.iter().all(|v| v.known().is_some())
}

/// True when `st` is known to grant nothing: its effect is known and not Allow.
pub(crate) fn known_not_allow(st: &Statement) -> bool {
    st.effect.known().is_some() && !st.is_allow()
}

/// True when `st` is known not to allow every action on every resource. An incomplete
/// statement, or one whose effect, actions or resources are Unknown, decides nothing.
pub(crate) fn known_not_admin(st: &Statement) -> bool {
    !st.incomplete
        && (known_not_allow(st)
            || (all_known(&st.actions) && st.full_wildcard_action().is_none())
            || (all_known(&st.resources) && !st.has_full_wildcard_resource()))
}

/// True when `st` is known to allow no wildcard action (`*`, `service:*`).
pub(crate) fn known_no_wildcard_action(st: &Statement) -> bool {
    !st.incomplete
        && (known_not_allow(st)
            || (all_known(&st.actions)
                && !st
                    .actions
                    .iter()
                    .any(|a| a.is(|v| v == "*" || v.ends_with(":*")))))
}

/// True when `st` is known not to allow anyone: not an Allow, no wildcard principal, or a
/// narrowing condition. An incomplete statement decides nothing.
pub(crate) fn known_not_public(st: &Statement) -> bool {
    !st.incomplete
        && (known_not_allow(st)
            || (st.principals.iter().all(|p| p.value.known().is_some())
                && st.wildcard_principal().is_none()
                && st.not_principals.is_empty())
            || st.has_narrowing_condition())
}

/// What a privilege-escalation check looks for in one statement: IAM actions, each with the
/// kind of IAM resource (`user`, `role`, `group`, `policy`) it must be allowed on every one
/// of.
pub(crate) type EscalationActions = &'static [(&'static str, &'static str)];

/// The escalation actions `st` allows on every resource of their kind, or the statement's
/// verdict when it allows none of them for certain.
///
/// A statement that `aws-iam-policy-admin` (`*` on `*`) or `aws-iam-policy-allow-not-action`
/// (allow by exclusion) reports is left to that check: administrator access is reported
/// once, not once per escalation path, and such a statement is not passed either. A
/// statement with a condition is undecided: a condition (`iam:PassedToService`,
/// `iam:PolicyARN`, `aws:MultiFactorAuthPresent`, …) may narrow what it allows.
pub(crate) fn escalation(
    st: &Statement,
    actions: EscalationActions,
) -> Result<Vec<&'static str>, Verdict> {
    if known_not_allow(st) {
        return Err(Verdict::Pass);
    }
    if st.incomplete || !st.is_allow() {
        return Err(Verdict::Undecided);
    }
    if policy_admin::is_admin(st) || policy_allow_not_action::allowed_by_exclusion(st).is_some() {
        return Err(Verdict::Undecided);
    }
    let mut found = Vec::new();
    let mut undecided = false;
    for &(action, kind) in actions {
        match (st.covers_action(action), st.covers_every_resource(kind)) {
            (Some(true), Some(true)) => found.push(action),
            (Some(false), _) | (_, Some(false)) => {}
            _ => undecided = true,
        }
    }
    if found.is_empty() {
        return Err(if undecided {
            Verdict::Undecided
        } else {
            Verdict::Pass
        });
    }
    if !st.conditions.is_empty() {
        return Err(Verdict::Undecided);
    }
    Ok(found)
}

/// Runs a privilege-escalation check over every policy: one finding per statement allowing
/// `actions` on every resource of their kind (`message` words it), one verdict per policy
/// holder.
pub(crate) fn run_escalation(
    state: &State,
    report: &mut Report,
    actions: EscalationActions,
    message: impl Fn(&[&str]) -> String,
) {
    let mut verdicts = Verdicts::default();
    for policy in state.aws.iam.all_policies() {
        let Some(doc) = policy.document.known() else {
            verdicts.record(&policy.resource, Verdict::Undecided);
            continue;
        };
        let mut verdict = Verdict::Pass;
        for st in &doc.statements {
            match escalation(st, actions) {
                Ok(found) => {
                    report.add(&policy.resource, &st.meta, message(&found));
                    verdict = Verdict::Fail;
                }
                Err(v) => verdict = verdict.max(v),
            }
        }
        verdicts.record(&policy.resource, verdict);
    }
    verdicts.report_passes(report);
}

/// True when `arn` is the AWS managed `AdministratorAccess` policy, in any partition.
pub(crate) fn is_administrator_access(arn: &str) -> bool {
    let mut parts = arn.splitn(6, ':');
    matches!(
        (
            parts.next(),
            parts.next(),
            parts.next(),
            parts.next(),
            parts.next(),
            parts.next()
        ),
        (
            Some("arn"),
            Some(_),
            Some("iam"),
            Some(""),
            Some("aws"),
            Some("policy/AdministratorAccess")
        )
    )
}

/// Reports each attachment of `AdministratorAccess` among `attached` (of the principal
/// `holder`, a `what` named `who`); passes the holder when every attachment is known and
/// none is it.
pub(crate) fn report_admin_attachments(
    report: &mut Report,
    holder: &ResourceMeta,
    attached: &[Attachment],
    what: &str,
    who: &str,
) {
    let mut decided = true;
    let mut failed = false;
    for a in attached {
        if a.policy_arn.is(|arn| is_administrator_access(arn)) {
            failed = true;
            report.add(
                &a.resource,
                &a.policy_arn.meta,
                format!("The AWS managed AdministratorAccess policy is attached to {what} {who}"),
            );
        } else if a.policy_arn.is_unknown() {
            decided = false;
        }
    }
    if !failed && decided {
        report.pass(holder);
    }
}

#[cfg(test)]
mod tests {
    use cloudsentinel_model::aws::iam::{Policy, PolicyDocument, Statement};
    use cloudsentinel_model::{
        FileId, Location, Meta, Origin, ResourceMeta, State, TextRange, Value,
    };

    fn at(start: usize) -> Origin {
        Origin::Source(Location::new(FileId(0), TextRange::new(start, start + 1)))
    }

    fn strings(list: &[&str], start: usize) -> Vec<Value<String>> {
        list.iter()
            .enumerate()
            .map(|(i, s)| Value::explicit((*s).to_string(), at(start + i)))
            .collect()
    }

    /// A managed policy with one Allow statement.
    fn policy(actions: &[&str], not_actions: &[&str], resources: &[&str]) -> State {
        let statement = Statement {
            meta: Meta::explicit(at(10)),
            sid: None,
            effect: Value::explicit("Allow".into(), at(11)),
            actions: strings(actions, 20),
            not_actions: strings(not_actions, 40),
            resources: strings(resources, 60),
            not_resources: Vec::new(),
            principals: Vec::new(),
            not_principals: Vec::new(),
            conditions: Vec::new(),
            incomplete: false,
        };
        let mut s = State::default();
        s.aws.iam.policies.push(Policy {
            resource: ResourceMeta::new(
                cloudsentinel_model::Provider::Aws,
                "aws_iam_policy.p",
                at(0),
            ),
            name: Value::explicit("p".into(), at(1)),
            document: Value::explicit(
                PolicyDocument {
                    meta: Meta::explicit(at(2)),
                    statements: vec![statement],
                },
                at(2),
            ),
            managed: true,
        });
        s
    }

    /// The IDs of the findings of every IAM policy check on `state`, sorted.
    fn fired(state: &State) -> Vec<&'static str> {
        let checks = [
            &super::policy_admin::CHECK,
            &super::policy_allow_not_action::CHECK,
            &super::policy_wildcard_action::CHECK,
            &super::privesc_passrole::CHECK,
            &super::privesc_credentials::CHECK,
            &super::privesc_assume_role_policy::CHECK,
            &super::privesc_attach_policy::CHECK,
            &super::privesc_policy_version::CHECK,
        ];
        let (findings, _) = crate::run_checks_with_passes(state, &checks);
        let mut ids: Vec<&'static str> = findings.iter().map(|f| f.check_id).collect();
        ids.sort_unstable();
        ids
    }

    #[test]
    fn administrator_access_is_reported_once_not_once_per_escalation_path() {
        assert_eq!(
            fired(&policy(&["*"], &[], &["*"])),
            ["aws-iam-policy-admin"]
        );
        assert_eq!(
            fired(&policy(&[], &["s3:*"], &["*"])),
            ["aws-iam-policy-allow-not-action"]
        );
    }

    #[test]
    fn a_service_wildcard_on_iam_opens_every_path_it_grants() {
        // `iam:*` is not `*` on `*`: each escalation it grants is its own finding, beside
        // the wildcard's.
        assert_eq!(
            fired(&policy(&["iam:*"], &[], &["*"])),
            [
                "aws-iam-policy-wildcard-action",
                "aws-iam-privesc-assume-role-policy",
                "aws-iam-privesc-attach-policy",
                "aws-iam-privesc-credentials",
                "aws-iam-privesc-policy-version",
            ]
        );
        // PassRole alone is no escalation: nothing to pass the role to.
        assert!(fired(&policy(&["iam:PassRole"], &[], &["*"])).is_empty());
        assert_eq!(
            fired(&policy(&["iam:PassRole", "lambda:Create*"], &[], &["*"])),
            ["aws-iam-privesc-passrole"]
        );
    }
}
