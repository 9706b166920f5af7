//! DocumentDB clusters (<https://docs.aws.amazon.com/documentdb/latest/developerguide/API_CreateDBCluster.html>).

use crate::{ResourceMeta, Value};

#[derive(Debug, Default, Clone)]
pub struct DocDb {
    pub clusters: Vec<Cluster>,
}

#[derive(Debug, Clone)]
pub struct Cluster {
    pub resource: ResourceMeta,
    /// `StorageEncrypted`.
    pub storage_encrypted: Value<bool>,
}
