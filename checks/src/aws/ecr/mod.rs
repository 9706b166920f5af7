pub mod mutable_tags;
pub mod no_kms_encryption;
pub mod no_scan_on_push;
pub mod public_policy;
