pub mod password_auth;
