pub mod no_cmek;
pub mod public;
