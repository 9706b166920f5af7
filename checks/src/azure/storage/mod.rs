pub mod http_allowed;
pub mod network_open;
pub mod outdated_tls;
pub mod public_blob;
