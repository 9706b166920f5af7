//! `container.v1.cluster` (settings under `cluster`) and `container.v1.nodePool` (under
//! `nodePool`).

use super::{Cx, DmResource, Nested, Obj, resource_meta};
use crate::adapt::{Reader, src};
use cloudsentinel_model::Value;
use cloudsentinel_model::google::gke::{
    Cluster, DEFAULT_AUTO_REPAIR, DEFAULT_AUTO_UPGRADE, DEFAULT_ISSUE_CLIENT_CERTIFICATE,
    DEFAULT_LEGACY_ABAC, DEFAULT_LOGGING_SERVICE, DEFAULT_MONITORING_SERVICE,
    DEFAULT_NETWORK_POLICY, DEFAULT_PRIVATE_ENDPOINT, DEFAULT_PRIVATE_NODES,
    DEFAULT_SHIELDED_NODES, Gke, NodePool,
};

const CLUSTER: [&str; 5] = [
    "container.v1.cluster",
    "container.v1beta1.cluster",
    "gcp-types/container-v1:projects.zones.clusters",
    "gcp-types/container-v1:projects.locations.clusters",
    "gcp-types/container-v1beta1:projects.locations.clusters",
];
const NODE_POOL: [&str; 4] = [
    "container.v1.nodePool",
    "container.v1beta1.nodePool",
    "gcp-types/container-v1:projects.zones.clusters.nodePools",
    "gcp-types/container-v1:projects.locations.clusters.nodePools",
];

pub(super) fn adapt(cx: &Cx<'_>, out: &mut Gke) {
    for res in cx.resources(&CLUSTER) {
        out.clusters.push(cluster(res));
    }
    for res in cx.resources(&NODE_POOL) {
        let node = Obj::resource(res);
        let (auto_repair, auto_upgrade) = match node.obj("nodePool") {
            Nested::Present(p) => (
                p.nested_bool("management", "autoRepair", DEFAULT_AUTO_REPAIR),
                p.nested_bool("management", "autoUpgrade", DEFAULT_AUTO_UPGRADE),
            ),
            Nested::Unknown(l) => (Value::unknown(src(l)), Value::unknown(src(l))),
            Nested::Absent => (
                Value::default_at(DEFAULT_AUTO_REPAIR, src(node.loc)),
                Value::default_at(DEFAULT_AUTO_UPGRADE, src(node.loc)),
            ),
        };
        let cluster = ["clusterId", "parent", "cluster"]
            .iter()
            .find(|a| node.has(a))
            .map_or_else(|| Value::unknown(src(node.loc)), |a| node.string(a, None));
        out.node_pools.push(NodePool {
            resource: resource_meta(res),
            cluster,
            auto_repair,
            auto_upgrade,
        });
    }
}

fn cluster(res: &DmResource) -> Cluster {
    let node = Obj::resource(res);
    let spec = match node.obj("cluster") {
        Nested::Present(c) => c,
        Nested::Absent => node,
        Nested::Unknown(l) => {
            let unknown = || Value::unknown(src(l));
            return Cluster {
                resource: resource_meta(res),
                autopilot: unknown(),
                legacy_abac: unknown(),
                private_nodes: unknown(),
                network_policy: unknown(),
                issue_client_certificate: unknown(),
                workload_identity: unknown(),
                private_endpoint: unknown(),
                master_authorized_networks: Value::unknown(src(l)),
                logging_service: Value::unknown(src(l)),
                monitoring_service: Value::unknown(src(l)),
                shielded_nodes: unknown(),
            };
        }
    };
    let autopilot = spec.nested_bool("autopilot", "enabled", false);
    // Dataplane V2 enforces network policy on its own; Autopilot always runs it.
    let dataplane_v2 = match spec.obj("networkConfig") {
        Nested::Present(n) => n
            .string("datapathProvider", Some(""))
            .map(|p| p.eq_ignore_ascii_case("ADVANCED_DATAPATH")),
        Nested::Unknown(l) => Value::unknown(src(l)),
        Nested::Absent => Value::default_at(false, src(spec.loc)),
    };
    let policy = spec.nested_bool("networkPolicy", "enabled", DEFAULT_NETWORK_POLICY);
    let network_policy = [&autopilot, &dataplane_v2, &policy]
        .into_iter()
        .find(|v| v.is_true())
        .or_else(|| {
            [&autopilot, &dataplane_v2, &policy]
                .into_iter()
                .find(|v| v.is_unknown())
        })
        .cloned()
        .unwrap_or(policy.clone());
    let issue_client_certificate = match spec.obj("masterAuth") {
        Nested::Present(m) => m.nested_bool(
            "clientCertificateConfig",
            "issueClientCertificate",
            DEFAULT_ISSUE_CLIENT_CERTIFICATE,
        ),
        Nested::Unknown(l) => Value::unknown(src(l)),
        Nested::Absent => Value::default_at(DEFAULT_ISSUE_CLIENT_CERTIFICATE, src(spec.loc)),
    };
    let workload_identity = if autopilot.is_true() {
        autopilot.clone()
    } else {
        match spec.obj("workloadIdentityConfig") {
            Nested::Present(w) => match w.field("workloadPool") {
                Some(f) if f.value.to_string_lossy().is_some() => Value::explicit(true, f.origin()),
                Some(f) => Value::unknown(f.origin()),
                None => Value::default_at(false, src(w.loc)),
            },
            Nested::Unknown(l) => Value::unknown(src(l)),
            Nested::Absent if autopilot.is_unknown() => Value::unknown(src(spec.loc)),
            Nested::Absent => Value::default_at(false, src(spec.loc)),
        }
    };
    // The API's `enabled` switch; the Terraform provider's block stands for `enabled: true`.
    let master_authorized_networks = match spec.obj("masterAuthorizedNetworksConfig") {
        Nested::Present(a) => match a.bool("enabled", Some(false)).known() {
            Some(true) => {
                let blocks = a.list("cidrBlocks");
                let mut cidrs: Vec<Value<String>> = blocks
                    .nodes
                    .iter()
                    .map(|b| b.string("cidrBlock", None))
                    .collect();
                if blocks.incomplete {
                    cidrs.push(Value::unknown(src(a.loc)));
                }
                Value::explicit(Some(cidrs), src(a.loc))
            }
            Some(false) => Value::explicit(None, src(a.loc)),
            None => Value::unknown(src(a.loc)),
        },
        Nested::Unknown(l) => Value::unknown(src(l)),
        Nested::Absent => Value::default_at(None, src(spec.loc)),
    };
    Cluster {
        resource: resource_meta(res),
        issue_client_certificate,
        workload_identity,
        private_endpoint: spec.nested_bool(
            "privateClusterConfig",
            "enablePrivateEndpoint",
            DEFAULT_PRIVATE_ENDPOINT,
        ),
        master_authorized_networks,
        legacy_abac: spec.nested_bool("legacyAbac", "enabled", DEFAULT_LEGACY_ABAC),
        private_nodes: spec.nested_bool(
            "privateClusterConfig",
            "enablePrivateNodes",
            DEFAULT_PRIVATE_NODES,
        ),
        network_policy,
        logging_service: spec.string("loggingService", Some(DEFAULT_LOGGING_SERVICE)),
        monitoring_service: spec.string("monitoringService", Some(DEFAULT_MONITORING_SERVICE)),
        shielded_nodes: spec.nested_bool("shieldedNodes", "enabled", DEFAULT_SHIELDED_NODES),
        autopilot,
    }
}
