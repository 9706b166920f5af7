//! Cloud Storage buckets with their IAM policy and access control lists
//! (<https://cloud.google.com/storage/docs/json_api/v1/buckets>).

use super::iam::{Binding, is_public_member};
use crate::{Meta, ResourceMeta, Value};

/// Uniform bucket-level access of a bucket that does not set it: off. The Terraform provider
/// sends `false` when `uniform_bucket_level_access` is omitted
/// (<https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/storage_bucket#uniform_bucket_level_access>;
/// <https://cloud.google.com/storage/docs/json_api/v1/buckets#iamConfiguration.uniformBucketLevelAccess.enabled>).
pub const DEFAULT_UNIFORM_BUCKET_LEVEL_ACCESS: bool = false;

/// Public access prevention of a bucket that does not set it: `inherited` (from the
/// organization policy, which a template cannot see)
/// (<https://cloud.google.com/storage/docs/json_api/v1/buckets#iamConfiguration.publicAccessPrevention>).
pub const DEFAULT_PUBLIC_ACCESS_PREVENTION: &str = "inherited";

/// Object versioning of a bucket that does not configure it: off
/// (<https://cloud.google.com/storage/docs/json_api/v1/buckets#versioning>).
pub const DEFAULT_VERSIONING_ENABLED: bool = false;

/// Usage logging of a bucket that does not configure it: off
/// (<https://cloud.google.com/storage/docs/access-logs>).
pub const DEFAULT_LOGGING_ENABLED: bool = false;

/// The predefined ACLs that grant `allUsers` or `allAuthenticatedUsers` access
/// (<https://cloud.google.com/storage/docs/access-control/lists#predefined-acl>).
pub const PUBLIC_PREDEFINED_ACLS: [&str; 3] =
    ["publicRead", "publicReadWrite", "authenticatedRead"];

#[derive(Debug, Default, Clone)]
pub struct Storage {
    pub buckets: Vec<Bucket>,
}

#[derive(Debug, Clone)]
pub struct Bucket {
    pub resource: ResourceMeta,
    pub name: Value<String>,
    /// `iamConfiguration.uniformBucketLevelAccess.enabled`: when on, ACLs grant nothing.
    pub uniform_bucket_level_access: Value<bool>,
    /// `iamConfiguration.publicAccessPrevention`: `inherited` or `enforced`.
    pub public_access_prevention: Value<String>,
    /// The bucket's IAM policy (bindings from policies, binding and member resources).
    pub iam: Vec<Binding>,
    /// A predefined ACL applied to the bucket (`private`, `publicRead`, …); Default `""` when
    /// none is applied.
    pub predefined_acl: Value<String>,
    /// A predefined default object ACL applied to new objects; Default `""` when none.
    pub predefined_default_object_acl: Value<String>,
    /// Bucket ACL entries.
    pub acl: Vec<AclEntry>,
    /// Default object ACL entries (applied to new objects).
    pub default_object_acl: Vec<AclEntry>,
    pub versioning_enabled: Value<bool>,
    pub logging_enabled: Value<bool>,
    /// `encryption.defaultKmsKeyName`; Default `""` (Google-managed keys).
    pub default_kms_key_name: Value<String>,
}

/// One ACL entry: an entity (`allUsers`, `user-…`, `project-owners-…`) with a role.
#[derive(Debug, Clone)]
pub struct AclEntry {
    pub meta: Meta,
    /// The entity as the JSON API writes it (`allUsers`, `group-admins@example.com`).
    pub entity: Value<String>,
    /// `READER`, `WRITER`, `OWNER`.
    pub role: Value<String>,
}

impl AclEntry {
    /// An entry that could not be evaluated.
    pub fn unknown(meta: Meta) -> Self {
        let origin = meta.origin.clone();
        AclEntry {
            meta,
            entity: Value::unknown(origin.clone()),
            role: Value::unknown(origin),
        }
    }

    /// True when the entity is `allUsers` or `allAuthenticatedUsers`.
    pub fn is_public(&self) -> bool {
        self.entity.is(|e| is_public_member(e))
    }
}

impl Bucket {
    /// True when public access prevention is known to be enforced: no IAM or ACL grant can
    /// make the bucket or its objects public.
    pub fn public_access_prevented(&self) -> bool {
        self.public_access_prevention.eq_ignore_case("enforced")
    }
}
