//! Azure SQL logical servers and their firewall rules
//! (<https://learn.microsoft.com/en-us/azure/templates/microsoft.sql/servers>).

use crate::{ResourceMeta, Value};

#[derive(Debug, Default, Clone)]
pub struct Sql {
    pub servers: Vec<SqlServer>,
    pub firewall_rules: Vec<FirewallRule>,
}

#[derive(Debug, Clone)]
pub struct SqlServer {
    pub resource: ResourceMeta,
    /// `publicNetworkAccess` is `Enabled`.
    pub public_network_access: Value<bool>,
    /// `minimalTlsVersion`: `1.0`, `1.1`, `1.2`, `1.3` or `None`.
    pub min_tls_version: Value<String>,
    /// An auditing policy (`auditingSettings`, extended or not) in state `Enabled`: Default
    /// false when none is declared for the server.
    pub auditing_enabled: Value<bool>,
    /// The auditing policy's `retentionDays`; 0 keeps audit logs indefinitely. Unknown when
    /// no policy is declared.
    pub audit_retention_days: Value<i64>,
    /// An Entra ID administrator is configured (`administrators`).
    pub entra_admin: Value<bool>,
}

#[derive(Debug, Clone)]
pub struct FirewallRule {
    pub resource: ResourceMeta,
    pub start_ip: Value<String>,
    pub end_ip: Value<String>,
}
