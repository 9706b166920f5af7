pub mod no_cmk;
pub mod unencrypted;
