pub mod method_no_auth;
pub mod stage_no_access_logs;
pub mod stage_no_tracing;
