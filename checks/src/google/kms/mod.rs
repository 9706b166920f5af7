pub mod no_rotation;
