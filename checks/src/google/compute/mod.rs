pub mod default_sa;
pub mod default_sa_full_access;
pub mod ip_forwarding;
pub mod no_shielded_vm;
pub mod os_login_off;
pub mod project_ssh_keys;
pub mod public_ip;
pub mod serial_port;
