pub mod public_network;
