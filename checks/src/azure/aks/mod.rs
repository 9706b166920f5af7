pub mod no_network_policy;
pub mod no_rbac;
pub mod public_api;
