pub mod policy_admin;
pub mod policy_wildcard_action;
pub mod role_public_trust;
pub mod root_access_key;
pub mod stale_access_key;
pub mod user_attached_policy;
pub mod user_no_mfa;
pub mod weak_password_policy;
