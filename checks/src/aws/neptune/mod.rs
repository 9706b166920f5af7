pub mod no_audit_logs;
pub mod no_iam_auth;
pub mod unencrypted;
