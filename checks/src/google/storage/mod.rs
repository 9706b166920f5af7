pub mod no_access_logging;
pub mod no_uniform_access;
pub mod no_versioning;
pub mod public;
