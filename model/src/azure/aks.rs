//! AKS managed clusters (<https://learn.microsoft.com/en-us/azure/templates/microsoft.containerservice/managedclusters>).

use crate::{ResourceMeta, Value};

#[derive(Debug, Default, Clone)]
pub struct Aks {
    pub clusters: Vec<ManagedCluster>,
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
}
