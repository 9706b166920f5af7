use crate::{ResourceMeta, Value};

/// Whether a cluster's API endpoint is public when not set: `true`
/// (<https://docs.aws.amazon.com/eks/latest/APIReference/API_VpcConfigRequest.html>).
pub const DEFAULT_ENDPOINT_PUBLIC_ACCESS: bool = true;

#[derive(Debug, Default, Clone)]
pub struct Eks {
    pub clusters: Vec<Cluster>,
    pub node_groups: Vec<NodeGroup>,
}

/// A managed node group (`aws_eks_node_group`, `AWS::EKS::Nodegroup`).
#[derive(Debug, Clone)]
pub struct NodeGroup {
    pub resource: ResourceMeta,
    /// Whether remote access names an EC2 SSH key, so the nodes accept SSH; absent: no.
    pub ssh_key_set: Value<bool>,
    /// Whether remote access lists source security groups. With a key and none, AWS opens
    /// port 22 of the nodes to `0.0.0.0/0`
    /// (<https://docs.aws.amazon.com/eks/latest/APIReference/API_RemoteAccessConfig.html>).
    pub ssh_source_groups_set: Value<bool>,
}

#[derive(Debug, Clone)]
pub struct Cluster {
    pub resource: ResourceMeta,
    pub endpoint_public_access: Value<bool>,
    pub public_access_cidrs: Value<Vec<String>>,
    /// Whether an encryption config with a KMS key covers `secrets`.
    pub secrets_encrypted: Value<bool>,
}
