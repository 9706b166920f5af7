pub mod policy_wildcard_action;
pub mod public_policy;
pub mod unencrypted;
