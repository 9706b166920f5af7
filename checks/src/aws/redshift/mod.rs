pub mod no_audit_logging;
pub mod no_enhanced_vpc_routing;
pub mod public;
pub mod unencrypted;
