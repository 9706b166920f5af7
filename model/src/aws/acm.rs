//! ACM certificates (<https://docs.aws.amazon.com/acm/latest/userguide/acm-concepts.html#concept-transparency>).

use crate::{ResourceMeta, Value};

#[derive(Debug, Default, Clone)]
pub struct Acm {
    pub certificates: Vec<Certificate>,
}

#[derive(Debug, Clone)]
pub struct Certificate {
    pub resource: ResourceMeta,
    /// A public certificate Amazon issues: not imported and not issued by a private CA
    /// (`CertificateAuthorityArn`). Transparency logging applies to these only.
    pub amazon_issued_public: Value<bool>,
    /// `CertificateTransparencyLoggingPreference`: `ENABLED` (the default) or `DISABLED`.
    pub transparency_logging: Value<String>,
}
