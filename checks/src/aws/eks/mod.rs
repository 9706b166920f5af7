pub mod no_control_plane_logging;
pub mod no_secrets_encryption;
pub mod node_group_public_ssh;
pub mod outdated_version;
pub mod public_endpoint;
