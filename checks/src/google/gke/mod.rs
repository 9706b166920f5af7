pub mod client_certificate;
pub mod legacy_abac;
pub mod no_auto_repair;
pub mod no_auto_upgrade;
pub mod no_network_policy;
pub mod no_private_nodes;
pub mod no_workload_identity;
pub mod public_control_plane;
