pub mod admin_user;
