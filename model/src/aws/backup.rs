//! AWS Backup vaults (<https://docs.aws.amazon.com/aws-backup/latest/devguide/encryption.html>).

use crate::{ResourceMeta, Value};

#[derive(Debug, Default, Clone)]
pub struct Backup {
    pub vaults: Vec<Vault>,
}

#[derive(Debug, Clone)]
pub struct Vault {
    pub resource: ResourceMeta,
    /// `EncryptionKeyArn`; Default `""`: the AWS managed key `aws/backup`.
    pub kms_key: Value<String>,
}
