pub mod no_audit_logging;
pub mod no_enhanced_vpc_routing;
pub mod no_require_ssl;
pub mod public;
pub mod unencrypted;
