//! App Service web and function apps (<https://learn.microsoft.com/en-us/azure/templates/microsoft.web/sites>).

use crate::{ResourceMeta, Value};

#[derive(Debug, Default, Clone)]
pub struct AppService {
    pub web_apps: Vec<WebApp>,
}

#[derive(Debug, Clone)]
pub struct WebApp {
    pub resource: ResourceMeta,
    /// `httpsOnly`.
    pub https_only: Value<bool>,
    /// `siteConfig.minTlsVersion`: `1.0`, `1.1`, `1.2`, `1.3`.
    pub min_tls_version: Value<String>,
    /// `siteConfig.ftpsState`: `AllAllowed`, `FtpsOnly` or `Disabled`.
    pub ftps_state: Value<String>,
    /// `siteConfig.remoteDebuggingEnabled`.
    pub remote_debugging: Value<bool>,
    /// `siteConfig.cors.allowedOrigins`, each possibly Unknown.
    pub cors_origins: Vec<Value<String>>,
    /// `siteConfig.http20Enabled`.
    pub http2: Value<bool>,
    /// `clientCertEnabled`: clients must present a certificate.
    pub client_cert: Value<bool>,
}
