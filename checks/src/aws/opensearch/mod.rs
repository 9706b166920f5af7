pub mod no_audit_logs;
pub mod no_encryption;
pub mod no_fine_grained_access;
pub mod no_https;
pub mod no_node_to_node_encryption;
pub mod outdated_tls;
pub mod public_access_policy;
pub mod public_endpoint;
