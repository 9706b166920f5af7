pub mod cross_tenant_replication;
pub mod http_allowed;
pub mod network_open;
pub mod no_infrastructure_encryption;
pub mod outdated_tls;
pub mod public_blob;
pub mod shared_key_access;
