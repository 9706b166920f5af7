pub mod no_ssl;
pub mod public_network;
