pub mod firewall_open;
pub mod no_auditing;
pub mod no_entra_admin;
pub mod outdated_tls;
pub mod public_network;
pub mod short_audit_retention;
