//! `Microsoft.ContainerService/managedClusters` and their `agentPools`.

use super::{Cx, Nested, Obj, props, resource_meta};
use crate::adapt::{Reader, src};
use cloudsentinel_model::Value;
use cloudsentinel_model::azure::aks::{Aks, ManagedCluster, NodePool};

pub(super) fn adapt(cx: &Cx<'_>, out: &mut Aks) {
    for &r in cx.resources("Microsoft.ContainerService/managedClusters") {
        let p = props(r);
        let access = p.obj("apiServerAccessProfile");
        let (private_cluster, mut authorized_ip_ranges) = match &access {
            Nested::Present(a) => (
                a.bool("enablePrivateCluster", Some(false)),
                a.strings("authorizedIPRanges").unwrap_or_default(),
            ),
            Nested::Unknown(at) => (Value::unknown(src(*at)), vec![Value::unknown(src(*at))]),
            Nested::Absent => (Value::default_at(false, src(p.loc)), Vec::new()),
        };
        authorized_ip_ranges.retain(|v| !v.is_empty_str());
        let addon = |names: &[&str]| -> Value<bool> {
            match p.obj("addonProfiles") {
                Nested::Present(a) => names
                    .iter()
                    .find_map(|n| match a.obj(n) {
                        Nested::Present(x) => Some(x.bool("enabled", Some(false))),
                        Nested::Unknown(at) => Some(Value::unknown(src(at))),
                        Nested::Absent => None,
                    })
                    .unwrap_or_else(|| Value::default_at(false, src(a.loc))),
                Nested::Unknown(at) => Value::unknown(src(at)),
                Nested::Absent => Value::default_at(false, src(p.loc)),
            }
        };
        out.clusters.push(ManagedCluster {
            resource: resource_meta(r),
            // `enableRBAC` defaults to true; no network policy unless one is named.
            rbac_enabled: p.bool("enableRBAC", Some(true)),
            private_cluster,
            authorized_ip_ranges,
            network_policy: p.nested("networkProfile", None, |n| match n.field("networkPolicy") {
                Some(_) => n
                    .string("networkPolicy", None)
                    .map(|s| (!s.eq_ignore_ascii_case("none")).then_some(s)),
                None => Value::default_at(None, src(n.loc)),
            }),
            local_accounts_disabled: p.bool("disableLocalAccounts", Some(false)),
            azure_policy: addon(&["azurepolicy", "azurePolicy"]),
            monitoring: addon(&["omsagent", "omsAgent"]),
        });
        let pools = p.list("agentPoolProfiles");
        for pool in &pools.nodes {
            out.node_pools.push(NodePool {
                resource: resource_meta(r),
                node_public_ip: public_ip(pool),
            });
        }
    }
    for &r in cx.resources("Microsoft.ContainerService/managedClusters/agentPools") {
        out.node_pools.push(NodePool {
            resource: resource_meta(r),
            node_public_ip: public_ip(&props(r)),
        });
    }
}

/// `enableNodePublicIP`, false by default.
fn public_ip(pool: &Obj<'_>) -> Value<bool> {
    pool.bool("enableNodePublicIP", Some(false))
}
