pub mod log_group_no_kms;
pub mod log_group_short_retention;
