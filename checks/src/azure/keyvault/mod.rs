pub mod key_no_rotation;
pub mod network_open;
pub mod no_audit_logging;
pub mod no_purge_protection;
pub mod no_rbac;
pub mod secret_no_expiry;
