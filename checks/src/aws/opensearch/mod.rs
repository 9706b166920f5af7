pub mod no_encryption;
pub mod no_https;
pub mod no_node_to_node_encryption;
pub mod public_endpoint;
