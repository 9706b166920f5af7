pub mod network_open;
pub mod no_purge_protection;
pub mod secret_no_expiry;
