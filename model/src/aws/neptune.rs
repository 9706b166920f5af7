//! Neptune clusters (<https://docs.aws.amazon.com/neptune/latest/apiref/API_CreateDBCluster.html>).

use crate::{ResourceMeta, Value};

/// IAM database authentication of a cluster that does not turn it on: off
/// (<https://docs.aws.amazon.com/neptune/latest/apiref/API_CreateDBCluster.html>).
pub const DEFAULT_IAM_AUTH: bool = false;

#[derive(Debug, Default, Clone)]
pub struct Neptune {
    pub clusters: Vec<Cluster>,
}

#[derive(Debug, Clone)]
pub struct Cluster {
    pub resource: ResourceMeta,
    /// `StorageEncrypted`.
    pub storage_encrypted: Value<bool>,
    /// `IamAuthEnabled` (`iam_database_authentication_enabled`).
    pub iam_auth: Value<bool>,
    /// The audit log is among the logs exported to CloudWatch Logs
    /// (`EnableCloudwatchLogsExports`; none are exported by default).
    pub audit_log_export: Value<bool>,
}
