//! WAFv2 web ACLs (<https://docs.aws.amazon.com/waf/latest/APIReference/API_WebACL.html>).

use crate::{ResourceMeta, Value};

#[derive(Debug, Default, Clone)]
pub struct Wafv2 {
    pub web_acls: Vec<WebAcl>,
}

#[derive(Debug, Clone)]
pub struct WebAcl {
    pub resource: ResourceMeta,
    /// A logging configuration names the web ACL (`aws_wafv2_web_acl_logging_configuration`,
    /// `AWS::WAFv2::LoggingConfiguration`); a web ACL logs nothing without one
    /// (<https://docs.aws.amazon.com/waf/latest/developerguide/logging.html>).
    pub logging: Value<bool>,
}
