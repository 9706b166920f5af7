pub mod no_logging;
