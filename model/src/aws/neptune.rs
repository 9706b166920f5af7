//! Neptune clusters (<https://docs.aws.amazon.com/neptune/latest/apiref/API_CreateDBCluster.html>).

use crate::{ResourceMeta, Value};

#[derive(Debug, Default, Clone)]
pub struct Neptune {
    pub clusters: Vec<Cluster>,
}

#[derive(Debug, Clone)]
pub struct Cluster {
    pub resource: ResourceMeta,
    /// `StorageEncrypted`.
    pub storage_encrypted: Value<bool>,
}
