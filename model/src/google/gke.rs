//! Google Kubernetes Engine clusters and node pools
//! (<https://cloud.google.com/kubernetes-engine/docs/reference/rest/v1/projects.locations.clusters>).

use crate::{ResourceMeta, Value};

/// Legacy ABAC of a cluster that does not enable it: off
/// (<https://cloud.google.com/kubernetes-engine/docs/reference/rest/v1/projects.locations.clusters#LegacyAbac>).
pub const DEFAULT_LEGACY_ABAC: bool = false;

/// Private nodes of a cluster that does not ask for them: off (nodes get external IPs)
/// (<https://cloud.google.com/kubernetes-engine/docs/reference/rest/v1/projects.locations.clusters#PrivateClusterConfig>).
pub const DEFAULT_PRIVATE_NODES: bool = false;

/// Network policy enforcement of a Standard cluster that does not enable it: off
/// (<https://cloud.google.com/kubernetes-engine/docs/how-to/network-policy>).
pub const DEFAULT_NETWORK_POLICY: bool = false;

/// Node auto-repair and auto-upgrade of a node pool that does not say: on (the Terraform
/// provider's `management` defaults; <https://cloud.google.com/kubernetes-engine/docs/reference/rest/v1/NodeManagement>).
pub const DEFAULT_AUTO_REPAIR: bool = true;
pub const DEFAULT_AUTO_UPGRADE: bool = true;

#[derive(Debug, Default, Clone)]
pub struct Gke {
    pub clusters: Vec<Cluster>,
    pub node_pools: Vec<NodePool>,
}

#[derive(Debug, Clone)]
pub struct Cluster {
    pub resource: ResourceMeta,
    /// An Autopilot cluster (Google manages nodes, Dataplane V2 enforces network policy).
    pub autopilot: Value<bool>,
    pub legacy_abac: Value<bool>,
    /// `privateClusterConfig.enablePrivateNodes`.
    pub private_nodes: Value<bool>,
    /// Network policy enforced: `networkPolicy.enabled`, or Dataplane V2
    /// (`ADVANCED_DATAPATH`), which always enforces it.
    pub network_policy: Value<bool>,
}

#[derive(Debug, Clone)]
pub struct NodePool {
    pub resource: ResourceMeta,
    /// The cluster it belongs to, as written (name or id).
    pub cluster: Value<String>,
    pub auto_repair: Value<bool>,
    pub auto_upgrade: Value<bool>,
}
