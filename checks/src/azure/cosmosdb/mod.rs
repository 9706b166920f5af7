pub mod key_metadata_writes;
pub mod local_auth;
pub mod public_network;
