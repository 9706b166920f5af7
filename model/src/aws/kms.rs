use crate::{ResourceMeta, Value};

#[derive(Debug, Default, Clone)]
pub struct Kms {
    pub keys: Vec<Key>,
}

#[derive(Debug, Clone)]
pub struct Key {
    pub resource: ResourceMeta,
    pub rotation_enabled: Value<bool>,
    /// `SYMMETRIC_DEFAULT`, `RSA_2048`, `HMAC_256`, …
    pub key_spec: Value<String>,
    /// `ENCRYPT_DECRYPT`, `SIGN_VERIFY`, `GENERATE_VERIFY_MAC`, …
    pub key_usage: Value<String>,
    /// Customer-managed (always, for declared keys); AWS-managed keys are live-only.
    pub customer_managed: Value<bool>,
}
