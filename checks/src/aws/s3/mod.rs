pub mod public_acl;
