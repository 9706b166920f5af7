pub mod no_log_exports;
pub mod tls_disabled;
pub mod unencrypted;
