pub mod no_encryption_at_host;
pub mod password_auth;
