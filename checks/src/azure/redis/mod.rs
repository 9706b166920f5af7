pub mod non_ssl_port;
pub mod outdated_tls;
pub mod public_network;
