use crate::{ResourceMeta, Value};

/// Whether a cluster's API endpoint is public when not set: `true`
/// (<https://docs.aws.amazon.com/eks/latest/APIReference/API_VpcConfigRequest.html>).
pub const DEFAULT_ENDPOINT_PUBLIC_ACCESS: bool = true;

#[derive(Debug, Default, Clone)]
pub struct Eks {
    pub clusters: Vec<Cluster>,
}

#[derive(Debug, Clone)]
pub struct Cluster {
    pub resource: ResourceMeta,
    pub endpoint_public_access: Value<bool>,
    pub public_access_cidrs: Value<Vec<String>>,
    /// Whether an encryption config with a KMS key covers `secrets`.
    pub secrets_encrypted: Value<bool>,
}
