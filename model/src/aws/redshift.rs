//! Redshift provisioned clusters (<https://docs.aws.amazon.com/redshift/latest/APIReference/API_CreateCluster.html>).

use crate::{ResourceMeta, Value};

/// Audit logging of a cluster that does not turn it on: off
/// (<https://docs.aws.amazon.com/redshift/latest/mgmt/db-auditing.html>).
pub const DEFAULT_AUDIT_LOGGING: bool = false;

/// Enhanced VPC routing of a cluster that does not turn it on: off
/// (<https://docs.aws.amazon.com/redshift/latest/APIReference/API_CreateCluster.html>).
pub const DEFAULT_ENHANCED_VPC_ROUTING: bool = false;

#[derive(Debug, Default, Clone)]
pub struct Redshift {
    pub clusters: Vec<Cluster>,
}

#[derive(Debug, Clone)]
pub struct Cluster {
    pub resource: ResourceMeta,
    /// `encrypted`, `Encrypted`. Unknown when absent: AWS encrypts new clusters by default
    /// since January 2025, while Terraform providers before 6.0 send `false`.
    pub encrypted: Value<bool>,
    /// `publicly_accessible`, `PubliclyAccessible`. Unknown when absent: the default was
    /// `true` (and still is in Terraform providers before 6.0) and is `false` for clusters
    /// AWS creates since January 2025.
    pub publicly_accessible: Value<bool>,
    /// Audit logging to S3 or CloudWatch (`logging`, `aws_redshift_logging`,
    /// `LoggingProperties`).
    pub audit_logging: Value<bool>,
    /// `enhanced_vpc_routing`, `EnhancedVpcRouting`.
    pub enhanced_vpc_routing: Value<bool>,
    /// The `require_ssl` parameter of the cluster's parameter group, where a declared group
    /// sets it. Unknown otherwise: the default parameter group's value changed to `true` for
    /// clusters created since January 2025.
    pub require_ssl: Value<bool>,
}
