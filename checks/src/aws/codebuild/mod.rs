pub mod artifacts_unencrypted;
pub mod no_cmk;
pub mod plaintext_secret_env;
pub mod s3_logs_unencrypted;
