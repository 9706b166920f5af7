pub mod notebook_direct_internet;
pub mod notebook_root_access;
