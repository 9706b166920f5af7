pub mod no_broker_logging;
pub mod no_cmk;
pub mod plaintext;
pub mod public_access;
pub mod unauthenticated;
