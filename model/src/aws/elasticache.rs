//! ElastiCache replication groups (<https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_CreateReplicationGroup.html>).

use crate::{ResourceMeta, Value};

/// Days automatic snapshots are kept for a replication group that sets none: 0, automatic
/// backups off
/// (<https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_CreateReplicationGroup.html>).
pub const DEFAULT_SNAPSHOT_RETENTION_LIMIT: i64 = 0;

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
    /// Clients must authenticate: an `AuthToken` or RBAC user groups (`UserGroupIds`).
    pub authentication: Value<bool>,
    /// `SnapshotRetentionLimit`, in days; 0 turns automatic backups off.
    pub snapshot_retention_days: Value<i64>,
}
