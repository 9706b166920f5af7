pub mod document_public;
pub mod secret_not_secure_string;
