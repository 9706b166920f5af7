//! EMR clusters, security configurations and the account's block public access setting
//! (<https://docs.aws.amazon.com/emr/latest/ManagementGuide/emr-create-security-configuration.html>,
//! <https://docs.aws.amazon.com/emr/latest/ManagementGuide/emr-block-public-access.html>).

use crate::{ResourceMeta, Value};

#[derive(Debug, Default, Clone)]
pub struct Emr {
    pub clusters: Vec<Cluster>,
    pub security_configurations: Vec<SecurityConfiguration>,
    pub block_public_access: Vec<BlockPublicAccess>,
}

#[derive(Debug, Clone)]
pub struct Cluster {
    pub resource: ResourceMeta,
    /// The name of its security configuration; Default `""`: none.
    pub security_configuration: Value<String>,
}

#[derive(Debug, Clone)]
pub struct SecurityConfiguration {
    pub resource: ResourceMeta,
    /// `EncryptionConfiguration.EnableAtRestEncryption`; Default false (also when the
    /// configuration has no `EncryptionConfiguration`).
    pub at_rest: Value<bool>,
    /// `EncryptionConfiguration.EnableInTransitEncryption`; Default false.
    pub in_transit: Value<bool>,
}

/// `aws_emr_block_public_access_configuration` (Terraform only).
#[derive(Debug, Clone)]
pub struct BlockPublicAccess {
    pub resource: ResourceMeta,
    /// `block_public_security_group_rules` (required).
    pub enabled: Value<bool>,
}
