//! DMS replication instances (<https://docs.aws.amazon.com/dms/latest/APIReference/API_CreateReplicationInstance.html>).

use crate::{ResourceMeta, Value};

#[derive(Debug, Default, Clone)]
pub struct Dms {
    pub replication_instances: Vec<ReplicationInstance>,
}

#[derive(Debug, Clone)]
pub struct ReplicationInstance {
    pub resource: ResourceMeta,
    /// `PubliclyAccessible`.
    pub publicly_accessible: Value<bool>,
}
