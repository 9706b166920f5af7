pub mod workgroup_unencrypted;
