pub mod default_sa_full_access;
pub mod ip_forwarding;
pub mod no_shielded_vm;
pub mod project_ssh_keys;
pub mod public_ip;
pub mod serial_port;
