//! Glue Data Catalog encryption settings and security configurations
//! (<https://docs.aws.amazon.com/glue/latest/dg/encrypt-glue-data-catalog.html>,
//! <https://docs.aws.amazon.com/glue/latest/dg/encryption-security-configuration.html>).

use crate::{Meta, ResourceMeta, Value};

#[derive(Debug, Default, Clone)]
pub struct Glue {
    pub catalog_encryption: Vec<CatalogEncryption>,
    pub security_configurations: Vec<SecurityConfiguration>,
}

#[derive(Debug, Clone)]
pub struct CatalogEncryption {
    pub resource: ResourceMeta,
    /// `EncryptionAtRest.CatalogEncryptionMode`: `DISABLED` (the default) or `SSE-KMS`
    /// (`SSE-KMS-WITH-SERVICE-ROLE`).
    pub at_rest_mode: Value<String>,
    /// `ConnectionPasswordEncryption.ReturnConnectionPasswordEncrypted`; Default false.
    pub passwords_encrypted: Value<bool>,
}

#[derive(Debug, Clone)]
pub struct SecurityConfiguration {
    pub resource: ResourceMeta,
    /// The encryption settings for S3 data, CloudWatch logs and job bookmarks.
    pub targets: Vec<EncryptionTarget>,
}

#[derive(Debug, Clone)]
pub struct EncryptionTarget {
    /// Where it is written (the setting, or the configuration when absent).
    pub meta: Meta,
    /// `S3 data`, `CloudWatch logs`, `job bookmarks`.
    pub what: &'static str,
    /// The mode (`DISABLED` when absent: the default).
    pub mode: Value<String>,
}
