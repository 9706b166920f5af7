pub mod account_public_access_block_off;
pub mod insecure_transport;
pub mod no_access_logging;
pub mod no_kms_encryption;
pub mod no_public_access_block;
pub mod no_versioning;
pub mod public_acl;
pub mod public_policy;
