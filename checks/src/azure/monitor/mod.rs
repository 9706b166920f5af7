pub mod log_profile_missing_categories;
pub mod short_log_retention;
