use crate::{ResourceMeta, Value};

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
