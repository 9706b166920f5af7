pub mod no_cmk;
pub mod no_rotation;
pub mod public_policy;
