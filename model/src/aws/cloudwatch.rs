//! CloudWatch Logs log groups (<https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_CreateLogGroup.html>).

use crate::{ResourceMeta, Value};

#[derive(Debug, Default, Clone)]
pub struct CloudWatch {
    pub log_groups: Vec<LogGroup>,
}

#[derive(Debug, Clone)]
pub struct LogGroup {
    pub resource: ResourceMeta,
    /// Days events are kept; Default 0 when unset: kept indefinitely.
    pub retention_days: Value<i64>,
    /// The KMS key encrypting it; Default `""` (CloudWatch Logs' own encryption).
    pub kms_key_id: Value<String>,
}
