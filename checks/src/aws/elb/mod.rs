pub mod http_listener;
pub mod outdated_tls;
