//! `azurerm_storage_account`, `azurerm_storage_account_network_rules` and
//! `azurerm_storage_container`.

use super::{first_of, in_block};
use crate::terraform::adapt::{Cx, JoinIndex, Node, Reader, merged, resource_meta, src};
use crate::terraform::adapt::{Join, join_children};
use cloudsentinel_model::Value;
use cloudsentinel_model::azure::storage::{BlobContainer, Storage, StorageAccount};

pub(super) fn adapt(cx: &Cx<'_>, out: &mut Storage) {
    let accounts = cx.resources("azurerm_storage_account");
    for &res in accounts {
        let node = Node::resource(res);
        // Provider defaults (azurerm 3.x and 4.x): HTTPS only, TLS 1.2, nested items may be
        // public, public network access on; no `network_rules` block means Azure's
        // default action, Allow.
        out.accounts.push(StorageAccount {
            resource: resource_meta(res),
            https_only: node.bool(
                first_of(
                    &node,
                    &["https_traffic_only_enabled", "enable_https_traffic_only"],
                ),
                Some(true),
            ),
            min_tls_version: node.string("min_tls_version", Some("TLS1_2")),
            allow_blob_public_access: node.bool(
                first_of(
                    &node,
                    &[
                        "allow_nested_items_to_be_public",
                        "allow_blob_public_access",
                    ],
                ),
                Some(true),
            ),
            network_default_action: in_block(&node, "network_rules", "Allow".to_string(), |b| {
                b.string("default_action", None)
            }),
            public_network_access: node
                .bool("public_network_access_enabled", Some(true))
                .map(|on| if on { "Enabled" } else { "Disabled" }.to_string()),
            shared_key_access: node.bool("shared_access_key_enabled", Some(true)),
            // The provider's default changed (true in 3.x, false in 4.x): only a written
            // value is known.
            cross_tenant_replication: node.bool("cross_tenant_replication_enabled", None),
            infrastructure_encryption: node.bool("infrastructure_encryption_enabled", Some(false)),
        });
    }
    join_children(
        cx,
        accounts,
        &["name", "id"],
        &[("azurerm_storage_account_network_rules", ())],
        "storage_account_id",
        "storage account",
        |i, (), rule, known| {
            let account = &mut out.accounts[i];
            let action = Node::resource(rule).string("default_action", None);
            account.network_default_action = if known {
                action
            } else {
                Value::unknown(src(rule.body.loc))
            };
            merged(&mut account.resource, rule, known);
        },
    );
    let index = JoinIndex::new(accounts, &["name", "id"]);
    for &res in cx.resources("azurerm_storage_container") {
        let node = Node::resource(res);
        let attr = first_of(&node, &["storage_account_id", "storage_account_name"]);
        let target = res.body.attr(attr).map(|a| &a.value);
        let account_allows_public = match index.resolve(target, res) {
            Join::One(i) => out.accounts[i].allow_blob_public_access.clone(),
            _ => Value::unknown(src(node.loc())),
        };
        out.containers.push(BlobContainer {
            resource: resource_meta(res),
            // The provider's default: `private` (Azure's `None`).
            public_access: node.string("container_access_type", Some("private")),
            account_allows_public,
        });
    }
}
