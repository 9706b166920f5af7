pub mod no_uniform_access;
pub mod public;
