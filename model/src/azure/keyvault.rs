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
    /// A diagnostic setting of the vault sends its audit log (the `AuditEvent` category, or
    /// the `audit` / `allLogs` category groups) to a destination. Default false at the vault
    /// when no diagnostic setting in the scan targets it; Unknown when one might.
    pub audit_logging: Value<bool>,
}

/// Log categories and category groups that include a key vault's audit events
/// (<https://learn.microsoft.com/en-us/azure/key-vault/general/logging>).
pub fn is_audit_category(category: &str) -> bool {
    category.eq_ignore_ascii_case("AuditEvent")
}

/// Category groups that include the audit events: `audit` and `allLogs`.
pub fn is_audit_category_group(group: &str) -> bool {
    group.eq_ignore_ascii_case("audit") || group.eq_ignore_ascii_case("allLogs")
}

/// Folds one more diagnostic setting's answer into what is known of a vault: any setting
/// that logs audit events decides; one that cannot be evaluated leaves it Unknown; one that
/// does not log them is where the finding points, unless another one does.
pub fn combine_audit_logging(current: &mut Value<bool>, setting: Value<bool>) {
    if current.is_true() {
        return;
    }
    if setting.is_true() || setting.is_unknown() || current.is_default() {
        *current = setting;
    }
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
