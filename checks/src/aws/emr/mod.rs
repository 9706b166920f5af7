pub mod block_public_access_disabled;
pub mod no_encryption;
pub mod no_security_configuration;
