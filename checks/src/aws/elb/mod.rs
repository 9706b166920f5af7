pub mod http_listener;
pub mod no_access_logs;
pub mod no_deletion_protection;
pub mod no_drop_invalid_headers;
pub mod no_waf;
pub mod outdated_tls;
