pub mod no_logging;
pub mod no_tracing;
