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
    pub snapshots: Vec<Snapshot>,
}

/// IAM database authentication of a database that does not turn it on: off
/// (<https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstance.html>).
pub const DEFAULT_IAM_AUTH: bool = false;

/// Seconds between Enhanced Monitoring samples of an instance that sets none: 0, Enhanced
/// Monitoring off
/// (<https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstance.html>).
pub const DEFAULT_MONITORING_INTERVAL: i64 = 0;

/// Performance Insights of a database that does not turn it on: off
/// (<https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstance.html>).
pub const DEFAULT_PERFORMANCE_INSIGHTS: bool = false;

/// Engines that support IAM database authentication: MariaDB, MySQL, PostgreSQL and the
/// Aurora editions (<https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/UsingWithRDS.IAMDBAuth.html>).
pub fn engine_supports_iam_auth(engine: &str) -> bool {
    let e = engine.to_ascii_lowercase();
    e == "mysql" || e == "mariadb" || e == "postgres" || e.starts_with("aurora")
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
    /// `Engine`; Unknown for replicas and restores that do not name it.
    pub engine: Value<String>,
    /// `EnableIAMDatabaseAuthentication`; Unknown for cluster members, which take the
    /// cluster's.
    pub iam_auth: Value<bool>,
    /// Some log is exported to CloudWatch Logs (`EnableCloudwatchLogsExports`); Unknown for
    /// cluster members, which export the cluster's.
    pub log_exports: Value<bool>,
    /// `MonitoringInterval`, seconds between Enhanced Monitoring samples (0: off).
    pub monitoring_interval: Value<i64>,
    pub performance_insights: PerformanceInsights,
}

/// Performance Insights of an instance or cluster.
#[derive(Debug, Clone)]
pub struct PerformanceInsights {
    /// `EnablePerformanceInsights`.
    pub enabled: Value<bool>,
    /// `PerformanceInsightsKMSKeyId` names a customer managed key; without one, the AWS
    /// managed key `aws/rds` encrypts the data.
    pub customer_key: Value<bool>,
}

impl PerformanceInsights {
    /// Not read (a live reader or plan that does not carry it).
    pub fn unknown(origin: crate::Origin) -> Self {
        PerformanceInsights {
            enabled: Value::unknown(origin.clone()),
            customer_key: Value::unknown(origin),
        }
    }
}

/// A manual DB snapshot or DB cluster snapshot (`aws_db_snapshot`,
/// `aws_db_cluster_snapshot`).
#[derive(Debug, Clone)]
pub struct Snapshot {
    pub resource: ResourceMeta,
    /// The AWS accounts it is shared with (`shared_accounts`); `all` makes it public.
    pub shared_accounts: Vec<Value<String>>,
}

#[derive(Debug, Clone)]
pub struct DbCluster {
    pub resource: ResourceMeta,
    pub storage_encrypted: Value<bool>,
    pub backup_retention_days: Value<i64>,
    /// `DeletionProtection` (false by default).
    pub deletion_protection: Value<bool>,
    /// `Engine`.
    pub engine: Value<String>,
    /// `EnableIAMDatabaseAuthentication`.
    pub iam_auth: Value<bool>,
    /// Some log is exported to CloudWatch Logs (`EnableCloudwatchLogsExports`).
    pub log_exports: Value<bool>,
    pub performance_insights: PerformanceInsights,
}
