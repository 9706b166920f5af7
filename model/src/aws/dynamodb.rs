use crate::{ResourceMeta, Value};

/// Point-in-time recovery of a table that does not enable it: off
/// (<https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_PointInTimeRecoverySpecification.html>).
pub const DEFAULT_POINT_IN_TIME_RECOVERY: bool = false;

/// Server-side encryption with KMS of a table that does not ask for it: off, the table is
/// encrypted with a key AWS owns
/// (<https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_SSESpecification.html>).
pub const DEFAULT_SSE_KMS: bool = false;

/// Server-side encryption of a DAX cluster that does not ask for it: off
/// (<https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_dax_SSESpecification.html>).
pub const DEFAULT_DAX_SSE: bool = false;

#[derive(Debug, Default, Clone)]
pub struct DynamoDb {
    pub tables: Vec<Table>,
    pub dax_clusters: Vec<DaxCluster>,
}

#[derive(Debug, Clone)]
pub struct Table {
    pub resource: ResourceMeta,
    pub point_in_time_recovery: Value<bool>,
    /// Encrypted with a KMS key (`SSESpecification.SSEEnabled`, `server_side_encryption.enabled`)
    /// rather than one AWS owns.
    pub sse_kms: Value<bool>,
    /// KMS encryption uses a customer managed key (`KMSMasterKeyId`, `kms_key_arn`); without
    /// one it uses the AWS managed key `aws/dynamodb`.
    pub customer_key: Value<bool>,
}

/// A DAX cluster (`aws_dax_cluster`, `AWS::DAX::Cluster`).
#[derive(Debug, Clone)]
pub struct DaxCluster {
    pub resource: ResourceMeta,
    /// `SSESpecification.SSEEnabled` (`server_side_encryption.enabled`).
    pub encrypted: Value<bool>,
}
