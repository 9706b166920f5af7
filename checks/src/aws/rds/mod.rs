pub mod no_deletion_protection;
pub mod no_multi_az;
pub mod public;
pub mod short_backup_retention;
pub mod unencrypted;
