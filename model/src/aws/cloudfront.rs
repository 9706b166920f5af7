//! CloudFront distributions (<https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_DistributionConfig.html>).

use crate::{ResourceMeta, Value};

#[derive(Debug, Default, Clone)]
pub struct CloudFront {
    pub distributions: Vec<Distribution>,
}

#[derive(Debug, Clone)]
pub struct Distribution {
    pub resource: ResourceMeta,
    /// `ViewerProtocolPolicy` of the default and every ordered cache behavior.
    pub viewer_protocol_policies: Vec<Value<String>>,
    /// A web ACL is associated (`WebACLId`).
    pub web_acl: Value<bool>,
    /// Standard access logging is configured (`Logging`).
    pub logging: Value<bool>,
}
