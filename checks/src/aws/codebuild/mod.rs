pub mod artifacts_unencrypted;
pub mod plaintext_secret_env;
pub mod s3_logs_unencrypted;
