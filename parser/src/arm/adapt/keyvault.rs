//! `Microsoft.KeyVault/vaults` with their keys and secrets, and the diagnostic settings
//! (`Microsoft.Insights/diagnosticSettings` scoped to a vault) that keep its audit log.

use super::{Cx, ScopeTarget, known_name, props, resource_meta, scope_target};
use crate::adapt::{Reader, src};
use crate::arm::expr::resource_key;
use crate::arm::template::ArmResource;
use cloudsentinel_model::Value;
use cloudsentinel_model::azure::keyvault::{
    ItemKind, KeyVault, KeyVaults, VaultItem, combine_audit_logging, is_audit_category,
    is_audit_category_group,
};
use std::collections::HashMap;

const VAULT: &str = "Microsoft.KeyVault/vaults";

pub(super) fn adapt(cx: &Cx<'_>, out: &mut KeyVaults) {
    let first = out.vaults.len();
    let vaults = cx.resources(VAULT);
    for &r in vaults {
        let p = props(r);
        let network_default_action = match p.obj("networkAcls") {
            super::Nested::Present(n) => n.string("defaultAction", None).map(Some),
            super::Nested::Unknown(at) => Value::unknown(src(at)),
            super::Nested::Absent => Value::default_at(None, src(p.loc)),
        };
        out.vaults.push(KeyVault {
            resource: resource_meta(r),
            // `enablePurgeProtection` unset: off. `publicNetworkAccess` unset: enabled.
            purge_protection: p.bool("enablePurgeProtection", Some(false)),
            network_default_action,
            public_network_access: p.enabled("publicNetworkAccess", Some(true)),
            // `enableRbacAuthorization` unset means access policies ("false by default").
            rbac_authorization: p.bool("enableRbacAuthorization", Some(false)),
            audit_logging: Value::default_at(false, src(r.location)),
        });
    }
    join_diagnostic_settings(cx, vaults, &mut out.vaults[first..]);
    for (rtype, kind) in [
        ("Microsoft.KeyVault/vaults/keys", ItemKind::Key),
        ("Microsoft.KeyVault/vaults/secrets", ItemKind::Secret),
    ] {
        for &r in cx.resources(rtype) {
            let p = props(r);
            let expiration = p.nested("attributes", None, |a| match a.field("exp") {
                Some(_) => a.string("exp", None).map(Some),
                None => Value::default_at(None, src(a.loc)),
            });
            // A key rotates automatically with a rotation policy whose lifetime actions
            // include `Rotate`.
            let auto_rotation = match p.obj("rotationPolicy") {
                super::Nested::Present(rp) => {
                    let actions = rp.list("lifetimeActions");
                    if actions.incomplete {
                        Value::unknown(src(rp.loc))
                    } else {
                        let rotate = actions.nodes.iter().any(|a| match a.obj("action") {
                            super::Nested::Present(x) => x
                                .string("type", None)
                                .as_str()
                                .is_some_and(|t| t.eq_ignore_ascii_case("rotate")),
                            _ => false,
                        });
                        Value::explicit(rotate, src(rp.loc))
                    }
                }
                super::Nested::Unknown(at) => Value::unknown(src(at)),
                super::Nested::Absent => Value::default_at(false, src(r.location)),
            };
            let expiration = if expiration.known() == Some(&None) && auto_rotation.is_true() {
                // Rotation policies carry their own expiry (`attributes.expiryTime`).
                Value::unknown(src(r.location))
            } else {
                expiration
            };
            out.items.push(VaultItem {
                resource: resource_meta(r),
                kind,
                expiration,
                auto_rotation,
            });
        }
    }
}

/// Joins diagnostic settings to the vaults they are scoped to: extension resources whose
/// `scope` names a vault, and the older form typed
/// `Microsoft.KeyVault/vaults/providers/diagnosticSettings` and named
/// `<vault>/Microsoft.Insights/<setting>`. A setting whose vault cannot be evaluated makes
/// the audit logging of every vault it could be Unknown.
fn join_diagnostic_settings(cx: &Cx<'_>, vaults: &[&ArmResource], out: &mut [KeyVault]) {
    let by_key: HashMap<&str, usize> = vaults
        .iter()
        .enumerate()
        .filter_map(|(i, v)| Some((v.key.as_deref()?, i)))
        .collect();
    let unnamed: Vec<usize> = (0..vaults.len())
        .filter(|&i| vaults[i].key.is_none())
        .collect();
    let settings = cx
        .resources("Microsoft.Insights/diagnosticSettings")
        .iter()
        .filter_map(|&s| Some((s, scope_target(s.get(&["scope"])?, VAULT))));
    let older = cx
        .resources("Microsoft.KeyVault/vaults/providers/diagnosticSettings")
        .iter()
        .map(|&s| {
            let target = known_name(s)
                .and_then(|n| n.split('/').next())
                .map_or(ScopeTarget::Unknown, |v| {
                    ScopeTarget::Key(resource_key(VAULT, v))
                });
            (s, target)
        });
    for (setting, target) in settings.chain(older) {
        let unknown = || Value::unknown(src(setting.location));
        match target {
            ScopeTarget::Key(key) => match by_key.get(key.as_str()) {
                Some(&i) => combine_audit_logging(&mut out[i].audit_logging, audit_logs(setting)),
                None => {
                    for &i in &unnamed {
                        combine_audit_logging(&mut out[i].audit_logging, unknown());
                    }
                }
            },
            ScopeTarget::Unknown => {
                for v in out.iter_mut() {
                    combine_audit_logging(&mut v.audit_logging, unknown());
                }
            }
            ScopeTarget::Other => {}
        }
    }
}

/// Whether a diagnostic setting's `logs` include an enabled entry with the `AuditEvent`
/// category or the `audit` / `allLogs` category group. An audit entry turned off is where a
/// finding points.
fn audit_logs(setting: &ArmResource) -> Value<bool> {
    let p = props(setting);
    let logs = p.list("logs");
    let mut unknown = logs.incomplete;
    let mut off = None;
    for log in &logs.nodes {
        let Some(audit) = audit_entry(log, "category", "categoryGroup") else {
            unknown = true;
            continue;
        };
        if !audit {
            continue;
        }
        let enabled = log.bool("enabled", None);
        match enabled.known() {
            Some(true) => return enabled,
            Some(false) => off = off.or(Some(enabled)),
            None => unknown = true,
        }
    }
    match off {
        _ if unknown => Value::unknown(src(p.loc)),
        Some(off) => off,
        None => Value::explicit(false, src(p.loc)),
    }
}

/// Whether a log entry names the audit events (`Some(true)`), something else
/// (`Some(false)`), or cannot be evaluated (`None`).
pub(crate) fn audit_entry<'a, R: Reader<'a>>(log: &R, category: &str, group: &str) -> Option<bool> {
    let c = log.string(category, None);
    let g = log.string(group, None);
    if c.as_str().is_some_and(is_audit_category) || g.as_str().is_some_and(is_audit_category_group)
    {
        return Some(true);
    }
    if (log.has(category) && c.is_unknown()) || (log.has(group) && g.is_unknown()) {
        return None;
    }
    Some(false)
}
