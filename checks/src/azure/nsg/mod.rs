pub mod flow_log_short_retention;
pub mod public_all_ports;
pub mod public_database;
pub mod public_rdp;
pub mod public_ssh;

use crate::finding::Report;
use cloudsentinel_model::azure::network::{ANY_SOURCE, SecurityRule};
use cloudsentinel_model::net::public_source;
use cloudsentinel_model::{State, Value};
use std::collections::BTreeMap;

/// Whether a rule admits the internet.
enum Source<'a> {
    /// A prefix that is every address or a service tag for it (`*`, `Internet`, `Any`), or
    /// ranges whose union is the internet: where to point, and how to say it.
    Internet(&'a Value<String>, String),
    /// Known not to.
    Restricted,
    /// Some prefix is Unknown and no known one is the internet.
    Unknown,
}

fn internet_source(rule: &SecurityRule) -> Source<'_> {
    if let Some(any) = rule.source_prefixes.iter().find(|p| {
        p.as_str()
            .is_some_and(|s| ANY_SOURCE.iter().any(|a| s.trim().eq_ignore_ascii_case(a)))
    }) {
        return Source::Internet(any, any.as_str().unwrap_or_default().to_string());
    }
    if let Some(p) = public_source(&rule.source_prefixes) {
        return Source::Internet(p.at, p.describe);
    }
    if rule.source_prefixes.iter().all(|p| p.known().is_some()) {
        Source::Restricted
    } else {
        Source::Unknown
    }
}

/// Reports every inbound Allow rule from the internet for which `covers` is true, at its
/// source, and passes the resources (security groups or rule resources) all of whose rules
/// are known not to be such a rule. `covers` answers `None` when it cannot tell.
pub(crate) fn judge_public(
    state: &State,
    report: &mut Report,
    covers: impl Fn(&SecurityRule) -> Option<bool>,
    what: &str,
) {
    // Verdict per resource: Some(true) when every rule is known fine.
    let mut clean: BTreeMap<&str, (bool, &SecurityRule)> = BTreeMap::new();
    for rule in &state.azure.network.security_rules {
        let entry = clean
            .entry(rule.resource.address.as_str())
            .or_insert((true, rule));
        let verdict = match rule.allows_inbound() {
            Some(false) => Some(false),
            None => None,
            Some(true) => match internet_source(rule) {
                Source::Restricted => Some(false),
                Source::Unknown => None,
                Source::Internet(at, describe) => match covers(rule) {
                    Some(true) => {
                        let name = rule.name.as_str().unwrap_or("?");
                        report.add(
                            &rule.resource,
                            &at.meta,
                            format!("Rule `{name}` admits {describe} to {what}"),
                        );
                        Some(true)
                    }
                    Some(false) => Some(false),
                    None => None,
                },
            },
        };
        if verdict != Some(false) {
            entry.0 = false;
        }
    }
    for (_, (fine, rule)) in clean {
        if fine {
            report.pass(&rule.resource);
        }
    }
}
