pub mod deprecated_runtime;
pub mod env_no_cmk;
pub mod function_url_no_auth;
pub mod no_dead_letter_queue;
pub mod no_tracing;
pub mod public_permission;
