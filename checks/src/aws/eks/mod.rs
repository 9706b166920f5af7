pub mod no_secrets_encryption;
pub mod public_endpoint;
