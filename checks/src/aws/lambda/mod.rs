pub mod public_permission;
