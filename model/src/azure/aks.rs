//! AKS managed clusters (<https://learn.microsoft.com/en-us/azure/templates/microsoft.containerservice/managedclusters>).

use crate::{ResourceMeta, Value};

#[derive(Debug, Default, Clone)]
pub struct Aks {
    pub clusters: Vec<ManagedCluster>,
    /// Node pools: each cluster's default pool and the pools declared on their own.
    pub node_pools: Vec<NodePool>,
}

#[derive(Debug, Clone)]
pub struct NodePool {
    /// The cluster for its default pool; the pool resource otherwise.
    pub resource: ResourceMeta,
    /// `enableNodePublicIP`: every node gets a public IP address.
    pub node_public_ip: Value<bool>,
}

#[derive(Debug, Clone)]
pub struct ManagedCluster {
    pub resource: ResourceMeta,
    /// `enableRBAC`.
    pub rbac_enabled: Value<bool>,
    /// `apiServerAccessProfile.enablePrivateCluster`.
    pub private_cluster: Value<bool>,
    /// `apiServerAccessProfile.authorizedIPRanges`, each possibly Unknown.
    pub authorized_ip_ranges: Vec<Value<String>>,
    /// `networkProfile.networkPolicy` (`azure`, `calico`, `cilium`); Default `None` when
    /// none is set.
    pub network_policy: Value<Option<String>>,
    /// `disableLocalAccounts`: no static cluster-admin credentials.
    pub local_accounts_disabled: Value<bool>,
    /// The Azure Policy add-on (`addonProfiles.azurepolicy.enabled`).
    pub azure_policy: Value<bool>,
    /// Container insights (`addonProfiles.omsagent.enabled`).
    pub monitoring: Value<bool>,
}
