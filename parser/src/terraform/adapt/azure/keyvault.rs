//! `azurerm_key_vault`, `azurerm_key_vault_key` and `azurerm_key_vault_secret`.

//! `azurerm_monitor_diagnostic_setting`s that target a vault say whether its audit log is kept.

use super::first_of;
use crate::arm::adapt::audit_entry;
use crate::terraform::adapt::{Cx, Join, JoinIndex, Node, Reader, resource_meta, src};
use crate::terraform::ir::TfResource;
use cloudsentinel_model::Value;
use cloudsentinel_model::azure::keyvault::{
    ItemKind, KeyVault, KeyVaults, VaultItem, combine_audit_logging,
};

pub(super) fn adapt(cx: &Cx<'_>, out: &mut KeyVaults) {
    let first = out.vaults.len();
    let vaults = cx.resources("azurerm_key_vault");
    for &res in vaults {
        let node = Node::resource(res);
        let acls = node.children("network_acls");
        let network_default_action = match acls.nodes.first() {
            Some(a) => a.string("default_action", None).map(Some),
            None if acls.incomplete => Value::unknown(src(node.loc())),
            None => Value::default_at(None, src(node.loc())),
        };
        out.vaults.push(KeyVault {
            resource: resource_meta(res),
            // Provider defaults: purge protection off, public network access on.
            purge_protection: node.bool("purge_protection_enabled", Some(false)),
            network_default_action,
            public_network_access: node.bool("public_network_access_enabled", Some(true)),
            // Provider default: access policies (`enable_rbac_authorization` in 3.x,
            // `rbac_authorization_enabled` in 4.x, both false).
            rbac_authorization: node.bool(
                first_of(
                    &node,
                    &["rbac_authorization_enabled", "enable_rbac_authorization"],
                ),
                Some(false),
            ),
            audit_logging: Value::default_at(false, src(node.loc())),
        });
    }
    join_diagnostic_settings(cx, vaults, &mut out.vaults[first..]);
    for (rtype, kind) in [
        ("azurerm_key_vault_key", ItemKind::Key),
        ("azurerm_key_vault_secret", ItemKind::Secret),
    ] {
        for &res in cx.resources(rtype) {
            let node = Node::resource(res);
            // A key's rotation policy with `expire_after` gives every version an expiry.
            let rotation = node.children("rotation_policy");
            let expire_after = rotation
                .nodes
                .first()
                .filter(|r| r.has("expire_after"))
                .map(|r| r.string("expire_after", None).map(Some));
            let expiration = match (node.field("expiration_date"), expire_after) {
                (Some(_), _) => node.string("expiration_date", None).map(Some),
                (None, Some(after)) => after,
                (None, None) if rotation.incomplete => Value::unknown(src(node.loc())),
                (None, None) => Value::default_at(None, src(node.loc())),
            };
            let auto_rotation = match rotation.nodes.first() {
                Some(r) => {
                    let automatic = r.children("automatic");
                    if automatic.incomplete {
                        Value::unknown(src(r.loc()))
                    } else {
                        Value::explicit(!automatic.nodes.is_empty(), src(r.loc()))
                    }
                }
                None if rotation.incomplete => Value::unknown(src(node.loc())),
                None => Value::default_at(false, src(node.loc())),
            };
            out.items.push(VaultItem {
                resource: resource_meta(res),
                kind,
                expiration,
                auto_rotation,
            });
        }
    }
}

/// Joins each `azurerm_monitor_diagnostic_setting` to the vault its `target_resource_id`
/// names. A setting of another kind of resource is skipped; one whose target cannot be
/// evaluated makes the audit logging of every vault it could target Unknown.
fn join_diagnostic_settings(cx: &Cx<'_>, vaults: &[&TfResource], out: &mut [KeyVault]) {
    let index = JoinIndex::new(vaults, &[]);
    for &setting in cx.resources("azurerm_monitor_diagnostic_setting") {
        let target = setting.body.attr("target_resource_id").map(|a| &a.value);
        if target
            .and_then(|t| t.source_ref.as_deref())
            .is_some_and(|r| !names_type(r, "azurerm_key_vault"))
        {
            continue;
        }
        match index.resolve(target, setting) {
            Join::One(i) => combine_audit_logging(&mut out[i].audit_logging, audit_logs(setting)),
            Join::Unknown => {
                for &i in index.candidates(setting).0 {
                    combine_audit_logging(
                        &mut out[i].audit_logging,
                        Value::unknown(src(setting.body.loc)),
                    );
                }
            }
            Join::Absent | Join::Missing(_) => {}
        }
    }
}

/// Whether a reference's address (`module.a.azurerm_key_vault.kv[0]`) is of `rtype`.
fn names_type(address: &str, rtype: &str) -> bool {
    // An instance key may hold dots (`kv["a.b"]`): drop it first.
    let address = match address.strip_suffix(']') {
        Some(_) => address.rfind('[').map_or(address, |i| &address[..i]),
        None => address,
    };
    let mut parts = address.rsplit('.');
    parts.next();
    parts.next() == Some(rtype)
}

/// Whether a diagnostic setting sends audit events: an `enabled_log` (or, before provider
/// 4.0, a `log` whose `enabled` defaults to true) with the `AuditEvent` category or the
/// `audit` / `allLogs` category group.
fn audit_logs(setting: &TfResource) -> Value<bool> {
    let node = Node::resource(setting);
    let mut unknown = false;
    let mut off = None;
    for block in ["enabled_log", "log"] {
        let logs = node.children(block);
        unknown |= logs.incomplete;
        for log in &logs.nodes {
            let Some(audit) = audit_entry(log, "category", "category_group") else {
                unknown = true;
                continue;
            };
            if !audit {
                continue;
            }
            if block == "enabled_log" {
                return Value::explicit(true, src(log.loc()));
            }
            let enabled = log.bool("enabled", Some(true));
            match enabled.known() {
                Some(true) => return enabled,
                Some(false) => off = off.or(Some(enabled)),
                None => unknown = true,
            }
        }
    }
    match off {
        _ if unknown => Value::unknown(src(node.loc())),
        Some(off) => off,
        None => Value::explicit(false, src(node.loc())),
    }
}
