pub mod deprecated_runtime;
pub mod no_tracing;
pub mod public_permission;
