pub mod domain_public_internet;
pub mod notebook_direct_internet;
pub mod notebook_no_cmk;
pub mod notebook_root_access;
