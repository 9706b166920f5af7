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

/// Client certificate issuance of a cluster that does not ask for it: off (since GKE 1.12)
/// (<https://cloud.google.com/kubernetes-engine/docs/reference/rest/v1/projects.locations.clusters#ClientCertificateConfig>).
pub const DEFAULT_ISSUE_CLIENT_CERTIFICATE: bool = false;

/// Private endpoint of a private cluster that does not ask for it: off (the control plane
/// keeps a public endpoint)
/// (<https://cloud.google.com/kubernetes-engine/docs/reference/rest/v1/projects.locations.clusters#PrivateClusterConfig>).
pub const DEFAULT_PRIVATE_ENDPOINT: bool = false;

/// Logging and monitoring services of a cluster that does not name them: Cloud Logging and
/// Cloud Monitoring for Kubernetes (the API's defaults since GKE 1.14; the Terraform
/// provider's `logging_service` and `monitoring_service` defaults)
/// (<https://cloud.google.com/kubernetes-engine/docs/reference/rest/v1/projects.locations.clusters#Cluster.FIELDS.logging_service>).
pub const DEFAULT_LOGGING_SERVICE: &str = "logging.googleapis.com/kubernetes";
pub const DEFAULT_MONITORING_SERVICE: &str = "monitoring.googleapis.com/kubernetes";

/// Shielded GKE Nodes of a cluster that does not say: on (the default for new clusters since
/// GKE 1.18; the Terraform provider's `enable_shielded_nodes` defaults to true)
/// (<https://cloud.google.com/kubernetes-engine/docs/how-to/shielded-gke-nodes>).
pub const DEFAULT_SHIELDED_NODES: bool = true;

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
    /// `masterAuth.clientCertificateConfig.issueClientCertificate`.
    pub issue_client_certificate: Value<bool>,
    /// Workload Identity: `workloadIdentityConfig.workloadPool` is set (always on in
    /// Autopilot).
    pub workload_identity: Value<bool>,
    /// `privateClusterConfig.enablePrivateEndpoint`: the control plane has no public
    /// endpoint.
    pub private_endpoint: Value<bool>,
    /// `masterAuthorizedNetworksConfig`: `None` (Default) when not enabled, so the public
    /// endpoint answers every address; else the CIDR blocks it admits.
    pub master_authorized_networks: Value<Option<Vec<Value<String>>>>,
    /// `loggingService`: `none` turns Cloud Logging off.
    pub logging_service: Value<String>,
    /// `monitoringService`: `none` turns Cloud Monitoring off.
    pub monitoring_service: Value<String>,
    /// `shieldedNodes.enabled`.
    pub shielded_nodes: Value<bool>,
}

#[derive(Debug, Clone)]
pub struct NodePool {
    pub resource: ResourceMeta,
    /// The cluster it belongs to, as written (name or id).
    pub cluster: Value<String>,
    pub auto_repair: Value<bool>,
    pub auto_upgrade: Value<bool>,
}
