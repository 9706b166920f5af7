pub mod legacy_abac;
pub mod no_network_policy;
pub mod no_private_nodes;
