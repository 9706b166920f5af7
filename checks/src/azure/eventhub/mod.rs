pub mod local_auth;
