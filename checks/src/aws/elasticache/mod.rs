pub mod no_at_rest_encryption;
pub mod no_auth_token;
pub mod no_backup;
pub mod no_in_transit_encryption;
