pub mod no_transparency_logging;
