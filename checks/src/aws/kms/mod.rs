pub mod no_rotation;
pub mod public_key_policy;
