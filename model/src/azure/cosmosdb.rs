//! Cosmos DB accounts (<https://learn.microsoft.com/en-us/azure/templates/microsoft.documentdb/databaseaccounts>).

use crate::{ResourceMeta, Value};

#[derive(Debug, Default, Clone)]
pub struct CosmosDb {
    pub accounts: Vec<CosmosAccount>,
}

#[derive(Debug, Clone)]
pub struct CosmosAccount {
    pub resource: ResourceMeta,
    /// `publicNetworkAccess` is `Enabled`.
    pub public_network_access: Value<bool>,
    /// `ipRules`, each possibly Unknown.
    pub ip_rules: Vec<Value<String>>,
    /// `isVirtualNetworkFilterEnabled`.
    pub virtual_network_filter: Value<bool>,
    /// `disableLocalAuth`: only Entra ID, no account keys.
    pub local_auth_disabled: Value<bool>,
    /// `disableKeyBasedMetadataWriteAccess` is false: account keys may change databases and
    /// containers.
    pub key_metadata_writes: Value<bool>,
}
