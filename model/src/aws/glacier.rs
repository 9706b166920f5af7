//! S3 Glacier vaults (<https://docs.aws.amazon.com/amazonglacier/latest/dev/vault-access-policy.html>).

use crate::aws::iam::PolicyDocument;
use crate::{ResourceMeta, Value};

#[derive(Debug, Default, Clone)]
pub struct Glacier {
    pub vaults: Vec<Vault>,
}

#[derive(Debug, Clone)]
pub struct Vault {
    pub resource: ResourceMeta,
    /// The vault access policy (`access_policy`, `AccessPolicy`). Empty when it has none
    /// (only the owner account's principals, through IAM, can then use the vault).
    pub policies: Vec<Value<PolicyDocument>>,
}
