pub mod unencrypted;
