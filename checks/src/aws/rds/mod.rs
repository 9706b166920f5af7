pub mod public;
pub mod short_backup_retention;
pub mod unencrypted;
