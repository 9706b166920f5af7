pub mod no_rotation;
pub mod public;
