//! Key vaults, their keys and secrets
//! (<https://learn.microsoft.com/en-us/azure/templates/microsoft.keyvault/vaults>).

use crate::{ResourceMeta, Value};

#[derive(Debug, Default, Clone)]
pub struct KeyVaults {
    pub vaults: Vec<KeyVault>,
    pub items: Vec<VaultItem>,
}

#[derive(Debug, Clone)]
pub struct KeyVault {
    pub resource: ResourceMeta,
    /// `enablePurgeProtection`.
    pub purge_protection: Value<bool>,
    /// `networkAcls.defaultAction`; `None` (Default) when no network ACL is declared, which
    /// admits every network.
    pub network_default_action: Value<Option<String>>,
    /// `publicNetworkAccess` is `Enabled` (network ACLs decide) rather than `Disabled`.
    pub public_network_access: Value<bool>,
    /// `enableRbacAuthorization`: Azure RBAC instead of access policies.
    pub rbac_authorization: Value<bool>,
}

/// What a vault item is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemKind {
    Key,
    Secret,
}

#[derive(Debug, Clone)]
pub struct VaultItem {
    pub resource: ResourceMeta,
    pub kind: ItemKind,
    /// `attributes.exp` (`expiration_date`); Default `None` when it never expires.
    pub expiration: Value<Option<String>>,
    /// Keys: a rotation policy rotates the key automatically. Secrets: Default false.
    pub auto_rotation: Value<bool>,
}
