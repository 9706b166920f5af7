pub mod primitive_role;
pub mod sa_user_managed_key;
pub mod sa_user_project_level;
