//! Differences between declared and live state, found by the drift module and reported by
//! the `drift-*` checks (so suppressions, configuration and every output format apply).

use crate::{Origin, ResourceMeta};

/// What kind of difference.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DriftKind {
    /// A live attribute differs from the declared one.
    Modified,
    /// Declared, but not found live.
    Deleted,
    /// Live, but declared by no scanned source.
    Unmanaged,
}

/// How much a drift matters for security; becomes the finding's severity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Impact {
    Low,
    Medium,
    High,
    Critical,
}

/// One difference between declared and live state.
#[derive(Debug, Clone)]
pub struct Drift {
    pub kind: DriftKind,
    /// The live resource (Modified, Unmanaged) or the declared one (Deleted), with its
    /// provider and, when known, account and region.
    pub resource: ResourceMeta,
    /// The resource type the drift concerns, by its Terraform name (`aws_s3_bucket`), as
    /// messages and `drift.ignore` rules name it; `resource.provider` tells the cloud.
    pub resource_type: String,
    /// The live identity (bucket name, security group id, …).
    pub identity: String,
    /// Modified: the attribute path (`ingress`, `versioning.enabled`).
    pub attribute: Option<String>,
    pub declared: Option<String>,
    pub live: Option<String>,
    /// A unified diff of declared and live values, when they span lines.
    pub diff: Option<String>,
    pub impact: Impact,
    /// Why the impact is what it is (checks the live value fails and the declared passes).
    pub reason: Option<String>,
    /// Where the declaration is in IaC source (the attribute's line for Modified), when the
    /// declared state came with source: the finding points there and names the live ARN too.
    pub declared_at: Origin,
}
