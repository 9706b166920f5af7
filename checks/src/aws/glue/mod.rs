pub mod catalog_unencrypted;
pub mod connection_password_unencrypted;
pub mod security_configuration_unencrypted;
