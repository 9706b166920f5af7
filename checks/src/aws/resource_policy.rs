//! Resource policies (queue, topic, key, repository, secret, vault, file system, domain and
//! API policies) that let anyone in: the statement-level reasoning of the IAM checks, with
//! the condition keys by which a service narrows a wildcard principal to known callers.

use crate::aws::iam::known_not_public;
use crate::finding::Report;
use cloudsentinel_model::aws::iam::{PolicyDocument, Statement};
use cloudsentinel_model::{ResourceMeta, Value};

/// How the policies of one resource were judged.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Outcome {
    /// At least one statement lets anyone in (reported).
    Public,
    /// Every policy is known and none of its statements lets anyone in.
    NotPublic,
    /// A policy, or a statement of one, cannot be evaluated.
    Undecided,
}

/// True when a condition of `st` uses one of the service's own narrowing keys (`extra`,
/// compared without case, as IAM compares condition keys).
fn narrowed_by(st: &Statement, extra: &[&str]) -> bool {
    st.conditions
        .iter()
        .any(|c| extra.iter().any(|k| c.key.eq_ignore_ascii_case(k)) && c.narrows())
}

/// The statements of `policies` that allow anyone, without a narrowing condition (the
/// global keys of [`Statement::has_narrowing_condition`], or one of `extra`).
pub(crate) fn public_statements<'a>(
    policies: &'a [Value<PolicyDocument>],
    extra: &'a [&'a str],
) -> impl Iterator<Item = &'a Statement> + 'a {
    policies
        .iter()
        .filter_map(Value::known)
        .flat_map(|doc| &doc.statements)
        .filter(move |st| st.allows_anyone() && !narrowed_by(st, extra))
}

/// Reports every statement of `policies` that allows anyone (`what` names the policy:
/// "Queue policy"), at the statement, on `resource`; returns the outcome without recording
/// a pass (callers that need more than the policy decide the pass).
pub(crate) fn report_public(
    report: &mut Report,
    resource: &ResourceMeta,
    policies: &[Value<PolicyDocument>],
    extra: &[&str],
    what: &str,
) -> Outcome {
    let mut public = false;
    for st in public_statements(policies, extra) {
        public = true;
        let actions: Vec<&str> = st.actions.iter().filter_map(|a| a.as_str()).collect();
        let actions = if actions.is_empty() {
            "its actions".to_string()
        } else {
            actions.join(", ")
        };
        report.add(
            resource,
            &st.meta,
            format!("{what} allows anyone to perform {actions}"),
        );
    }
    if public {
        Outcome::Public
    } else {
        judge(policies, extra)
    }
}

/// The outcome of `policies` without reporting anything.
pub(crate) fn judge(policies: &[Value<PolicyDocument>], extra: &[&str]) -> Outcome {
    if public_statements(policies, extra).next().is_some() {
        return Outcome::Public;
    }
    let decided = policies.iter().all(|p| {
        p.is(|doc| {
            doc.statements
                .iter()
                .all(|st| known_not_public(st) || (!st.incomplete && narrowed_by(st, extra)))
        })
    });
    if decided {
        Outcome::NotPublic
    } else {
        Outcome::Undecided
    }
}

/// [`report_public`], then a pass for a resource whose policies are known not to be public
/// (one without any policy grants nothing through one).
pub(crate) fn check(
    report: &mut Report,
    resource: &ResourceMeta,
    policies: &[Value<PolicyDocument>],
    extra: &[&str],
    what: &str,
) {
    if report_public(report, resource, policies, extra, what) == Outcome::NotPublic {
        report.pass(resource);
    }
}
