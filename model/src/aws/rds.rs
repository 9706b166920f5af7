use crate::{ResourceMeta, Value};

/// Automated backup retention, in days, of a database that sets none through the API,
/// CloudFormation or Terraform: 1
/// (<https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstance.html>).
pub const DEFAULT_BACKUP_RETENTION_DAYS: i64 = 1;

/// Storage encryption of a database that does not ask for it: off
/// (<https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstance.html>).
pub const DEFAULT_STORAGE_ENCRYPTED: bool = false;

#[derive(Debug, Default, Clone)]
pub struct Rds {
    pub instances: Vec<DbInstance>,
    pub clusters: Vec<DbCluster>,
}

#[derive(Debug, Clone)]
pub struct DbInstance {
    pub resource: ResourceMeta,
    pub storage_encrypted: Value<bool>,
    pub publicly_accessible: Value<bool>,
    pub backup_retention_days: Value<i64>,
    /// Instances in a cluster take encryption and backups from the cluster.
    pub in_cluster: Value<bool>,
    /// `DeletionProtection` (false by default); Unknown for cluster members, which the
    /// cluster's setting protects.
    pub deletion_protection: Value<bool>,
    /// `MultiAZ` (false by default); Unknown for cluster members.
    pub multi_az: Value<bool>,
}

#[derive(Debug, Clone)]
pub struct DbCluster {
    pub resource: ResourceMeta,
    pub storage_encrypted: Value<bool>,
    pub backup_retention_days: Value<i64>,
    /// `DeletionProtection` (false by default).
    pub deletion_protection: Value<bool>,
}
