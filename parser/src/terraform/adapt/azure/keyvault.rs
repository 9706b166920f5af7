//! `azurerm_key_vault`, `azurerm_key_vault_key` and `azurerm_key_vault_secret`.

use super::first_of;
use crate::terraform::adapt::{Cx, Node, Reader, resource_meta, src};
use cloudsentinel_model::Value;
use cloudsentinel_model::azure::keyvault::{ItemKind, KeyVault, KeyVaults, VaultItem};

pub(super) fn adapt(cx: &Cx<'_>, out: &mut KeyVaults) {
    for &res in cx.resources("azurerm_key_vault") {
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
        });
    }
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
