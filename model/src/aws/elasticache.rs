//! ElastiCache replication groups (<https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_CreateReplicationGroup.html>).

use crate::{ResourceMeta, Value};

#[derive(Debug, Default, Clone)]
pub struct ElastiCache {
    pub replication_groups: Vec<ReplicationGroup>,
}

#[derive(Debug, Clone)]
pub struct ReplicationGroup {
    pub resource: ResourceMeta,
    /// `AtRestEncryptionEnabled`.
    pub at_rest_encryption: Value<bool>,
    /// `TransitEncryptionEnabled`.
    pub transit_encryption: Value<bool>,
}
