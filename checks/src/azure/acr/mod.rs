pub mod admin_user;
pub mod anonymous_pull;
pub mod public_network;
