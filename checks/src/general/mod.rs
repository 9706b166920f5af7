//! Checks that concern every cloud.

pub mod drift_deleted;
pub mod drift_modified;
pub mod drift_unmanaged;
pub mod iac_parse_error;
pub mod secret_hardcoded_credential;
