pub mod local_accounts;
pub mod no_azure_policy;
pub mod no_monitoring;
pub mod no_network_policy;
pub mod no_rbac;
pub mod node_public_ip;
pub mod public_api;
