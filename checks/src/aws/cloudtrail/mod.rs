pub mod logging_off;
pub mod no_global_service_events;
pub mod no_kms;
pub mod no_log_validation;
pub mod single_region;
