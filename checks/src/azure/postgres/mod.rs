pub mod no_geo_backup;
pub mod no_ssl;
pub mod outdated_tls;
pub mod public_network;
