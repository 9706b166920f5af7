pub mod short_log_retention;
