//! `google_container_cluster` and `google_container_node_pool`.

use crate::terraform::adapt::{Cx, Node, Reader, resource_meta, src};
use crate::terraform::ir::TfResource;
use cloudsentinel_model::Value;
use cloudsentinel_model::google::gke::{
    Cluster, DEFAULT_AUTO_REPAIR, DEFAULT_AUTO_UPGRADE, DEFAULT_ISSUE_CLIENT_CERTIFICATE,
    DEFAULT_LEGACY_ABAC, DEFAULT_LOGGING_SERVICE, DEFAULT_MONITORING_SERVICE,
    DEFAULT_NETWORK_POLICY, DEFAULT_PRIVATE_ENDPOINT, DEFAULT_PRIVATE_NODES,
    DEFAULT_SHIELDED_NODES, Gke, NodePool,
};

pub(super) fn adapt(cx: &Cx<'_>, out: &mut Gke) {
    for res in cx.resources("google_container_cluster") {
        out.clusters.push(cluster(res));
    }
    for res in cx.resources("google_container_node_pool") {
        let node = Node::resource(res);
        let management = node.children("management");
        let setting = |name: &str, default: bool| match management.nodes.first() {
            Some(m) => m.bool(name, Some(default)),
            None if management.incomplete => Value::unknown(src(node.loc())),
            None => Value::default_at(default, src(node.loc())),
        };
        out.node_pools.push(NodePool {
            resource: resource_meta(res),
            cluster: node.string("cluster", None),
            auto_repair: setting("auto_repair", DEFAULT_AUTO_REPAIR),
            auto_upgrade: setting("auto_upgrade", DEFAULT_AUTO_UPGRADE),
        });
    }
}

/// A setting of the first nested block `block`: its default at the resource when the block
/// is absent, Unknown when blocks could not be expanded.
fn block_bool(node: &Node<'_>, block: &str, name: &str, default: bool) -> Value<bool> {
    let children = node.children(block);
    match children.nodes.first() {
        Some(b) => b.bool(name, Some(default)),
        None if children.incomplete => Value::unknown(src(node.loc())),
        None => Value::default_at(default, src(node.loc())),
    }
}

fn cluster(res: &TfResource) -> Cluster {
    let node = Node::resource(res);
    let autopilot = node.bool("enable_autopilot", Some(false));
    // Dataplane V2 enforces network policy on its own; Autopilot always runs it.
    let dataplane_v2 = node
        .string("datapath_provider", Some(""))
        .map(|p| p.eq_ignore_ascii_case("ADVANCED_DATAPATH"));
    let policy_block = block_bool(&node, "network_policy", "enabled", DEFAULT_NETWORK_POLICY);
    let network_policy = [&autopilot, &dataplane_v2, &policy_block]
        .into_iter()
        .find(|v| v.is_true())
        .or_else(|| {
            [&autopilot, &dataplane_v2, &policy_block]
                .into_iter()
                .find(|v| v.is_unknown())
        })
        .cloned()
        .unwrap_or(policy_block.clone());
    let master_auth = node.children("master_auth");
    let issue_client_certificate = match master_auth.nodes.first() {
        Some(m) => block_bool(
            m,
            "client_certificate_config",
            "issue_client_certificate",
            DEFAULT_ISSUE_CLIENT_CERTIFICATE,
        ),
        None if master_auth.incomplete => Value::unknown(src(node.loc())),
        None => Value::default_at(DEFAULT_ISSUE_CLIENT_CERTIFICATE, src(node.loc())),
    };
    let workload = node.children("workload_identity_config");
    let workload_identity = if autopilot.is_true() {
        autopilot.clone()
    } else {
        match workload.nodes.first() {
            Some(w) => match w.field("workload_pool") {
                Some(f) if f.value.to_string_lossy().is_some() => Value::explicit(true, f.origin()),
                Some(f) => Value::unknown(f.origin()),
                None => Value::default_at(false, src(w.loc())),
            },
            None if workload.incomplete || autopilot.is_unknown() => {
                Value::unknown(src(node.loc()))
            }
            None => Value::default_at(false, src(node.loc())),
        }
    };
    let authorized = node.children("master_authorized_networks_config");
    let master_authorized_networks = match authorized.nodes.first() {
        Some(a) => {
            let blocks = a.children("cidr_blocks");
            let mut cidrs: Vec<Value<String>> = blocks
                .nodes
                .iter()
                .map(|b| b.string("cidr_block", None))
                .collect();
            if blocks.incomplete {
                cidrs.push(Value::unknown(src(a.loc())));
            }
            Value::explicit(Some(cidrs), src(a.loc()))
        }
        None if authorized.incomplete => Value::unknown(src(node.loc())),
        None => Value::default_at(None, src(node.loc())),
    };
    Cluster {
        resource: resource_meta(res),
        issue_client_certificate,
        workload_identity,
        private_endpoint: block_bool(
            &node,
            "private_cluster_config",
            "enable_private_endpoint",
            DEFAULT_PRIVATE_ENDPOINT,
        ),
        master_authorized_networks,
        legacy_abac: node.bool("enable_legacy_abac", Some(DEFAULT_LEGACY_ABAC)),
        private_nodes: block_bool(
            &node,
            "private_cluster_config",
            "enable_private_nodes",
            DEFAULT_PRIVATE_NODES,
        ),
        network_policy,
        logging_service: node.string("logging_service", Some(DEFAULT_LOGGING_SERVICE)),
        monitoring_service: node.string("monitoring_service", Some(DEFAULT_MONITORING_SERVICE)),
        shielded_nodes: node.bool("enable_shielded_nodes", Some(DEFAULT_SHIELDED_NODES)),
        autopilot,
    }
}
