pub mod public_instance;
