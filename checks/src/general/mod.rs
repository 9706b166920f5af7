//! Checks that concern every cloud.

pub mod iac_parse_error;
pub mod secret_hardcoded_credential;
