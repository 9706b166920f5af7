pub mod cache_unencrypted;
pub mod domain_outdated_tls;
pub mod method_no_auth;
pub mod public_policy;
pub mod stage_no_access_logs;
pub mod stage_no_tracing;
