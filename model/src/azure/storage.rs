//! Storage accounts and blob containers
//! (<https://learn.microsoft.com/en-us/azure/templates/microsoft.storage/storageaccounts>).

use crate::{ResourceMeta, Value};

#[derive(Debug, Default, Clone)]
pub struct Storage {
    pub accounts: Vec<StorageAccount>,
    pub containers: Vec<BlobContainer>,
}

#[derive(Debug, Clone)]
pub struct StorageAccount {
    pub resource: ResourceMeta,
    /// `supportsHttpsTrafficOnly`.
    pub https_only: Value<bool>,
    /// `minimumTlsVersion`: `TLS1_0`, `TLS1_1`, `TLS1_2`, `TLS1_3`.
    pub min_tls_version: Value<String>,
    /// `allowBlobPublicAccess`: containers may be made public.
    pub allow_blob_public_access: Value<bool>,
    /// `networkAcls.defaultAction`: `Allow` or `Deny`.
    pub network_default_action: Value<String>,
    /// `publicNetworkAccess`: `Enabled`, `Disabled` (network rules are then moot) or
    /// `SecuredByPerimeter`.
    pub public_network_access: Value<String>,
    /// `allowSharedKeyAccess`: account keys and SAS signed with them are accepted.
    pub shared_key_access: Value<bool>,
    /// `allowCrossTenantReplication`.
    pub cross_tenant_replication: Value<bool>,
    /// `encryption.requireInfrastructureEncryption`: a second layer of encryption.
    pub infrastructure_encryption: Value<bool>,
}

#[derive(Debug, Clone)]
pub struct BlobContainer {
    pub resource: ResourceMeta,
    /// `publicAccess`: `None`, `Blob` or `Container`.
    pub public_access: Value<String>,
    /// Whether the account holding it allows public containers; Unknown when the account is
    /// not declared in the scan.
    pub account_allows_public: Value<bool>,
}
