//! DocumentDB clusters (<https://docs.aws.amazon.com/documentdb/latest/developerguide/API_CreateDBCluster.html>).

use crate::{ResourceMeta, Value};

/// The `tls` parameter of a cluster parameter group that does not set it, and of the
/// default parameter groups: `enabled`
/// (<https://docs.aws.amazon.com/documentdb/latest/developerguide/security.encryption.ssl.html>).
pub const DEFAULT_TLS: &str = "enabled";

#[derive(Debug, Default, Clone)]
pub struct DocDb {
    pub clusters: Vec<Cluster>,
}

#[derive(Debug, Clone)]
pub struct Cluster {
    pub resource: ResourceMeta,
    /// `StorageEncrypted`.
    pub storage_encrypted: Value<bool>,
    /// The audit log is among the logs exported to CloudWatch Logs
    /// (`EnableCloudwatchLogsExports`; none are exported by default).
    pub audit_log_export: Value<bool>,
    /// The `tls` parameter of the cluster's parameter group (`enabled`, `disabled`,
    /// `tls1.2+`, `tls1.3+`, `fips-140-3`); Unknown when that group is not declared.
    pub tls: Value<String>,
}
