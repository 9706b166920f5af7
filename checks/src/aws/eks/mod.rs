pub mod no_secrets_encryption;
pub mod node_group_public_ssh;
pub mod public_endpoint;
