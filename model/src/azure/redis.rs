//! Azure Cache for Redis (<https://learn.microsoft.com/en-us/azure/templates/microsoft.cache/redis>).

use crate::{ResourceMeta, Value};

#[derive(Debug, Default, Clone)]
pub struct Redis {
    pub caches: Vec<RedisCache>,
}

#[derive(Debug, Clone)]
pub struct RedisCache {
    pub resource: ResourceMeta,
    /// `enableNonSslPort`: the plain-text port 6379 is open.
    pub non_ssl_port: Value<bool>,
    /// `minimumTlsVersion`: `1.0`, `1.1`, `1.2`.
    pub min_tls_version: Value<String>,
    /// `publicNetworkAccess` is `Enabled`.
    pub public_network_access: Value<bool>,
}
