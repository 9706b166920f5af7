pub mod dax_unencrypted;
pub mod no_cmk;
pub mod no_pitr;
