pub mod firewall_open;
pub mod no_auditing;
pub mod outdated_tls;
pub mod public_network;
