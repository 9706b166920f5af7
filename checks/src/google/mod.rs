//! Google Cloud checks, one folder per service, one file per check. Check IDs carry the
//! catalogue's `gcp-` prefix; the folder is the provider's name.

pub mod bigquery;
pub mod compute;
pub mod dns;
pub mod firewall;
pub mod gke;
pub mod iam;
pub mod kms;
pub mod sql;
pub mod storage;
pub mod vpc;

use crate::finding::Report;
use cloudsentinel_model::google::compute::FirewallRule;
use cloudsentinel_model::google::iam::Binding;
use cloudsentinel_model::{State, Value};

/// A value's text for messages (`?` when Unknown, which messages never need in practice:
/// findings are only reported on known values).
pub(crate) fn text(v: &Value<String>) -> &str {
    v.as_str().unwrap_or("?")
}

/// The bindings of `bindings` that grant a role to `allUsers` or `allAuthenticatedUsers`,
/// with the public member. `decided` is false when a role or member is Unknown.
pub(crate) fn public_bindings(bindings: &[Binding]) -> (Vec<(&Binding, &Value<String>)>, bool) {
    let public = bindings
        .iter()
        .filter_map(|b| b.public_member().map(|m| (b, m)))
        .collect();
    (public, bindings.iter().all(Binding::is_known))
}

/// Reports every firewall rule that is an enabled ingress rule from the internet with an
/// `allow` entry matching `covers`, once per firewall at its public source range; passes the
/// firewalls known not to (not ingress, disabled, no public source, or every `allow` entry
/// known and none matching).
pub(crate) fn public_firewall(
    state: &State,
    report: &mut Report,
    covers: impl Fn(&FirewallRule) -> bool,
    what: &str,
) {
    for fw in &state.google.compute.firewalls {
        if fw.known_not_public_ingress() {
            report.pass(&fw.resource);
            continue;
        }
        // Direction or state Unknown, or some source Unknown: no verdict unless a known
        // public source and a known enabled ingress rule meet.
        let Some(source) = fw.public_source().filter(|_| fw.is_enabled_ingress()) else {
            continue;
        };
        if fw.allowed.iter().any(&covers) {
            let range = text(source);
            let why = if source.is_default() {
                " (no source is given, so the rule applies to every address)"
            } else {
                ""
            };
            report.add(
                &fw.resource,
                &source.meta,
                format!("Firewall rule admits {range}{why} to {what}"),
            );
        } else if !fw.rules_incomplete && fw.allowed.iter().all(FirewallRule::is_known) {
            report.pass(&fw.resource);
        }
    }
}
