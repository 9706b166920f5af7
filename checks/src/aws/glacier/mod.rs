pub mod public_policy;
