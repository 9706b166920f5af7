pub mod vault_no_cmk;
