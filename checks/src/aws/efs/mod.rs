pub mod public_policy;
pub mod unencrypted;
