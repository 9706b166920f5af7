use super::iam::PolicyDocument;
use crate::{Meta, ResourceMeta, Value};

/// Server-side encryption a bucket has when none is configured: SSE-S3 (`AES256`). Since
/// January 2023 Amazon S3 encrypts every new object with it by default
/// (<https://docs.aws.amazon.com/AmazonS3/latest/userguide/default-encryption-faq.html>).
pub const DEFAULT_SSE_ALGORITHM: &str = "AES256";

/// The canned ACL of a bucket that sets none: `private`
/// (<https://docs.aws.amazon.com/AmazonS3/latest/userguide/acl-overview.html#canned-acl>).
pub const DEFAULT_ACL: &str = "private";

/// Each setting of a bucket's public access block that is not set: `false` (the
/// bucket-level block blocks nothing until told to)
/// (<https://docs.aws.amazon.com/AmazonS3/latest/API/API_PublicAccessBlockConfiguration.html>).
pub const DEFAULT_PUBLIC_ACCESS_BLOCK_SETTING: bool = false;

/// Versioning of a bucket that configures none: off ("unversioned")
/// (<https://docs.aws.amazon.com/AmazonS3/latest/userguide/Versioning.html>).
pub const DEFAULT_VERSIONING_ENABLED: bool = false;

/// Object Lock of a bucket that configures none: off. A bucket created with Object Lock has
/// versioning turned on for good: it cannot be suspended
/// (<https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-lock.html>).
pub const DEFAULT_OBJECT_LOCK_ENABLED: bool = false;

/// Server access logging of a bucket that configures none: off
/// (<https://docs.aws.amazon.com/AmazonS3/latest/userguide/ServerLogs.html>).
pub const DEFAULT_ACCESS_LOGGING_ENABLED: bool = false;

#[derive(Debug, Default, Clone)]
pub struct S3 {
    pub buckets: Vec<Bucket>,
    /// Public access blocks whose bucket is not declared in the scan (its name comes from a
    /// variable or another stack) or could not be told apart: their own settings can still
    /// be judged.
    pub unattached_public_access_blocks: Vec<PublicAccessBlock>,
    /// The account-level public access block (`aws_s3_account_public_access_block`,
    /// Terraform only; each setting defaults to false).
    pub account_public_access_blocks: Vec<PublicAccessBlock>,
}

#[derive(Debug, Clone)]
pub struct Bucket {
    pub resource: ResourceMeta,
    pub name: Value<String>,
    /// Canned ACL (`private`, `public-read`, …; CloudFormation spellings are lowered to these).
    pub acl: Value<String>,
    pub grants: Vec<Grant>,
    /// Bucket policies (inline and joined); each may be Unknown.
    pub policies: Vec<Value<PolicyDocument>>,
    /// `None`: no block declared, so AWS's default for new buckets (all four on) applies.
    pub public_access_block: Option<PublicAccessBlock>,
    pub versioning_enabled: Value<bool>,
    /// Object Lock; when on, versioning is on and cannot be suspended.
    pub object_lock_enabled: Value<bool>,
    pub logging_enabled: Value<bool>,
    pub encryption: Encryption,
    /// A load balancer in the scan delivers its access logs here. Log delivery supports
    /// only SSE-S3 (`AES256`) on the target bucket
    /// (<https://docs.aws.amazon.com/elasticloadbalancing/latest/application/enable-access-logging.html#access-log-create-bucket>).
    pub receives_load_balancer_logs: bool,
}

#[derive(Debug, Clone)]
pub struct Grant {
    pub meta: Meta,
    /// Grantee URI for group grantees (`http://acs.amazonaws.com/groups/global/AllUsers`).
    pub grantee_uri: Value<String>,
    pub permissions: Value<Vec<String>>,
}

impl Grant {
    /// True when the grantee is AllUsers or AuthenticatedUsers.
    pub fn is_public(&self) -> bool {
        self.grantee_uri
            .is(|u| u.ends_with("/global/AllUsers") || u.ends_with("/global/AuthenticatedUsers"))
    }
}

#[derive(Debug, Clone)]
pub struct PublicAccessBlock {
    pub resource: ResourceMeta,
    pub block_public_acls: Value<bool>,
    pub block_public_policy: Value<bool>,
    pub ignore_public_acls: Value<bool>,
    pub restrict_public_buckets: Value<bool>,
}

#[derive(Debug, Clone)]
pub struct Encryption {
    /// `AES256`, `aws:kms`, `aws:kms:dsse`.
    pub algorithm: Value<String>,
    pub kms_key_id: Value<String>,
}
