//! Cloud KMS crypto keys (<https://cloud.google.com/kms/docs/reference/rest/v1/projects.locations.keyRings.cryptoKeys>).

use super::iam::Binding;
use crate::{ResourceMeta, Value};

/// Purpose of a key that does not set it: `ENCRYPT_DECRYPT` (symmetric)
/// (<https://cloud.google.com/kms/docs/reference/rest/v1/projects.locations.keyRings.cryptoKeys#CryptoKeyPurpose>).
pub const DEFAULT_PURPOSE: &str = "ENCRYPT_DECRYPT";

/// Rotation of a key that sets no `rotationPeriod`: none (the key never rotates)
/// (<https://cloud.google.com/kms/docs/key-rotation>).
pub const DEFAULT_ROTATION_PERIOD_SECONDS: Option<i64> = None;

/// The longest rotation period CIS GCP 1.10 accepts: 90 days.
pub const MAX_ROTATION_PERIOD_SECONDS: i64 = 90 * 24 * 60 * 60;

#[derive(Debug, Default, Clone)]
pub struct Kms {
    pub crypto_keys: Vec<CryptoKey>,
}

#[derive(Debug, Clone)]
pub struct CryptoKey {
    pub resource: ResourceMeta,
    /// `ENCRYPT_DECRYPT`, `ASYMMETRIC_SIGN`, `ASYMMETRIC_DECRYPT`, `MAC`, …
    pub purpose: Value<String>,
    /// `rotationPeriod` in seconds; `None` when the key does not rotate.
    pub rotation_period_seconds: Value<Option<i64>>,
    /// The key's IAM policy.
    pub iam: Vec<Binding>,
}

/// Parses a protobuf duration (`"7776000s"`, `"86400.5s"`) into whole seconds.
pub fn parse_duration_seconds(s: &str) -> Option<i64> {
    let n = s.trim().strip_suffix('s')?;
    let whole = n.split_once('.').map_or(n, |(w, _)| w);
    whole.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::parse_duration_seconds;

    #[test]
    fn durations() {
        assert_eq!(parse_duration_seconds("7776000s"), Some(7_776_000));
        assert_eq!(parse_duration_seconds("100000.5s"), Some(100_000));
        assert_eq!(parse_duration_seconds("90d"), None);
    }
}
