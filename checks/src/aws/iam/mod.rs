pub mod policy_admin;
pub mod policy_wildcard_action;
pub mod role_public_trust;
pub mod user_attached_policy;
pub mod weak_password_policy;
