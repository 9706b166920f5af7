//! Cloud SQL instances (<https://cloud.google.com/sql/docs/mysql/admin-api/rest/v1/instances>).

use crate::{Meta, ResourceMeta, Value};

/// Public IPv4 of an instance that does not set `ipConfiguration.ipv4Enabled`: on
/// (<https://cloud.google.com/sql/docs/mysql/admin-api/rest/v1/instances#ipconfiguration>;
/// the Terraform provider's `ipv4_enabled` defaults to true).
pub const DEFAULT_IPV4_ENABLED: bool = true;

/// `ipConfiguration.requireSsl` when not set: false (deprecated in favour of `sslMode`).
pub const DEFAULT_REQUIRE_SSL: bool = false;

/// `ipConfiguration.sslMode` values that reject unencrypted connections
/// (<https://cloud.google.com/sql/docs/mysql/admin-api/rest/v1/instances#SslMode>); an unset
/// mode follows `requireSsl`.
pub const SSL_MODES_REQUIRING_SSL: [&str; 2] =
    ["ENCRYPTED_ONLY", "TRUSTED_CLIENT_CERTIFICATE_REQUIRED"];

/// Automated backups of an instance that does not enable them: off (the Terraform
/// provider's `backup_configuration.enabled` defaults to false;
/// <https://cloud.google.com/sql/docs/mysql/admin-api/rest/v1/instances#backupconfiguration>).
pub const DEFAULT_BACKUP_ENABLED: bool = false;

#[derive(Debug, Default, Clone)]
pub struct Sql {
    pub instances: Vec<DatabaseInstance>,
}

#[derive(Debug, Clone)]
pub struct DatabaseInstance {
    pub resource: ResourceMeta,
    /// `MYSQL_8_0`, `POSTGRES_15`, `SQLSERVER_2019_STANDARD`, …
    pub database_version: Value<String>,
    /// A read replica (`masterInstanceName` set): backups are the primary's.
    pub is_replica: Value<bool>,
    pub ipv4_enabled: Value<bool>,
    /// `ipConfiguration.authorizedNetworks[].value`, each possibly Unknown.
    pub authorized_networks: Vec<Value<String>>,
    pub require_ssl: Value<bool>,
    /// `ipConfiguration.sslMode`; `None` (Default) when not set, and then `requireSsl`
    /// decides.
    pub ssl_mode: Value<Option<String>>,
    pub backup_enabled: Value<bool>,
    /// `settings.databaseFlags[]`.
    pub database_flags: Vec<DatabaseFlag>,
    pub database_flags_incomplete: bool,
    /// `diskEncryptionConfiguration.kmsKeyName`; Default `""` (Google-managed key).
    pub kms_key_name: Value<String>,
}

#[derive(Debug, Clone)]
pub struct DatabaseFlag {
    pub meta: Meta,
    pub name: Value<String>,
    pub value: Value<String>,
}

impl DatabaseInstance {
    /// Whether the instance rejects unencrypted connections: an SSL mode decides when one is
    /// set, else `requireSsl`; `None` when the deciding value is Unknown.
    pub fn requires_ssl(&self) -> Option<bool> {
        match self.ssl_mode.known()? {
            Some(mode) => Some(
                SSL_MODES_REQUIRING_SSL
                    .iter()
                    .any(|s| mode.trim().eq_ignore_ascii_case(s)),
            ),
            None => self.require_ssl.known().copied(),
        }
    }

    /// The value of database flag `name` (the last setting wins, as in the API's list), with
    /// where it is set. `Some(None)`: known not to be set; `None`: some flag could not be
    /// evaluated, so whether it is set is unknown.
    pub fn flag(&self, name: &str) -> Option<Option<&DatabaseFlag>> {
        let mut found = None;
        for f in &self.database_flags {
            match f.name.as_str() {
                Some(n) if n.trim().eq_ignore_ascii_case(name) => found = Some(f),
                Some(_) => {}
                None => return None,
            }
        }
        if found.is_none() && self.database_flags_incomplete {
            return None;
        }
        Some(found)
    }

    /// The engine family: `MYSQL`, `POSTGRES` or `SQLSERVER`.
    pub fn engine(&self) -> Option<&str> {
        self.database_version
            .as_str()
            .and_then(|v| v.split('_').next())
    }
}
