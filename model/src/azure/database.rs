//! Azure Database for PostgreSQL and MySQL servers, single and flexible
//! (<https://learn.microsoft.com/en-us/azure/templates/microsoft.dbforpostgresql/flexibleservers>).

use crate::{ResourceMeta, Value};

#[derive(Debug, Default, Clone)]
pub struct Databases {
    pub servers: Vec<DbServer>,
}

#[derive(Debug, Clone)]
pub struct DbServer {
    pub resource: ResourceMeta,
    /// `PostgreSQL` or `MySQL`.
    pub engine: &'static str,
    /// SSL enforced (`sslEnforcement`, or the `require_secure_transport` server parameter).
    pub ssl_enforced: Value<bool>,
    /// `publicNetworkAccess` is `Enabled`.
    pub public_network_access: Value<bool>,
    /// `storageProfile.geoRedundantBackup` (`backup.geoRedundantBackup`) is `Enabled`.
    pub geo_redundant_backup: Value<bool>,
    /// `minimalTlsVersion` (`TLS1_0`, `TLS1_1`, `TLS1_2`, `TLSEnforcementDisabled`).
    pub min_tls_version: Value<String>,
}
