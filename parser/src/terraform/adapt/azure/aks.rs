//! `azurerm_kubernetes_cluster`.

use super::{first_of, in_block};
use crate::terraform::adapt::{Cx, Node, Reader, resource_meta, src};
use cloudsentinel_model::Value;
use cloudsentinel_model::azure::aks::{Aks, ManagedCluster, NodePool};

/// `node_public_ip_enabled` (provider 4.x) or `enable_node_public_ip` (3.x); false by default.
fn node_public_ip(pool: &Node<'_>) -> Value<bool> {
    pool.bool(
        first_of(pool, &["node_public_ip_enabled", "enable_node_public_ip"]),
        Some(false),
    )
}

pub(super) fn adapt(cx: &Cx<'_>, out: &mut Aks) {
    for &res in cx.resources("azurerm_kubernetes_cluster_node_pool") {
        out.node_pools.push(NodePool {
            resource: resource_meta(res),
            node_public_ip: node_public_ip(&Node::resource(res)),
        });
    }
    for &res in cx.resources("azurerm_kubernetes_cluster") {
        let node = Node::resource(res);
        // Provider 3.x and 4.x: `role_based_access_control_enabled` defaults to true; 2.x
        // wrote it as a `role_based_access_control { enabled }` block.
        let rbac_enabled = if node.has("role_based_access_control_enabled") {
            node.bool("role_based_access_control_enabled", Some(true))
        } else {
            in_block(&node, "role_based_access_control", true, |b| {
                b.bool("enabled", None)
            })
        };
        let mut authorized_ip_ranges = node
            .strings("api_server_authorized_ip_ranges")
            .unwrap_or_default();
        let profile = node.children("api_server_access_profile");
        for p in &profile.nodes {
            authorized_ip_ranges.extend(p.strings("authorized_ip_ranges").unwrap_or_default());
        }
        if profile.incomplete {
            authorized_ip_ranges.push(Value::unknown(src(node.loc())));
        }
        out.clusters.push(ManagedCluster {
            resource: resource_meta(res),
            rbac_enabled,
            private_cluster: node.bool("private_cluster_enabled", Some(false)),
            authorized_ip_ranges,
            network_policy: in_block(&node, "network_profile", None, |p| {
                match p.field("network_policy") {
                    Some(_) => p.string("network_policy", None).map(Some),
                    None => Value::default_at(None, src(p.loc())),
                }
            }),
            // Provider defaults: local accounts on, no Azure Policy add-on; Container
            // insights only with an `oms_agent` block.
            local_accounts_disabled: node.bool("local_account_disabled", Some(false)),
            azure_policy: node.bool("azure_policy_enabled", Some(false)),
            monitoring: {
                let oms = node.children("oms_agent");
                if oms.incomplete {
                    Value::unknown(src(node.loc()))
                } else if let Some(o) = oms.nodes.first() {
                    Value::explicit(true, src(o.loc()))
                } else {
                    Value::default_at(false, src(node.loc()))
                }
            },
        });
        let pool = node.children("default_node_pool");
        for p in &pool.nodes {
            out.node_pools.push(NodePool {
                resource: resource_meta(res),
                node_public_ip: node_public_ip(p),
            });
        }
    }
}
