use crate::aws::iam::PolicyDocument;
use crate::{ResourceMeta, Value};

/// Key spec of a key that sets none: `SYMMETRIC_DEFAULT`
/// (<https://docs.aws.amazon.com/kms/latest/APIReference/API_CreateKey.html#KMS-CreateKey-request-KeySpec>).
pub const DEFAULT_KEY_SPEC: &str = "SYMMETRIC_DEFAULT";

/// Key usage of a key that sets none: `ENCRYPT_DECRYPT`
/// (<https://docs.aws.amazon.com/kms/latest/APIReference/API_CreateKey.html#KMS-CreateKey-request-KeyUsage>).
pub const DEFAULT_KEY_USAGE: &str = "ENCRYPT_DECRYPT";

/// Automatic rotation of a key that does not enable it: off
/// (<https://docs.aws.amazon.com/kms/latest/developerguide/rotate-keys.html>).
pub const DEFAULT_ROTATION_ENABLED: bool = false;

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
    /// The key policy: `policy` on `aws_kms_key` or an `aws_kms_key_policy` naming the key
    /// (`KeyPolicy` in CloudFormation). Empty when none is set: KMS then applies its default
    /// key policy, which gives the owner account's principals access through IAM only
    /// (<https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html>).
    pub policies: Vec<Value<PolicyDocument>>,
}
