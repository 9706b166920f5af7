pub mod public_all_ports;
pub mod public_rdp;
pub mod public_ssh;
