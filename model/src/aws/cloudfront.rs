//! CloudFront distributions (<https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_DistributionConfig.html>).

use crate::{Meta, ResourceMeta, Value};

/// The security policy of a distribution that uses the default `*.cloudfront.net`
/// certificate: `TLSv1`, whatever `MinimumProtocolVersion` says
/// (<https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_ViewerCertificate.html>).
pub const DEFAULT_CERTIFICATE_PROTOCOL: &str = "TLSv1";

/// The minimum protocol version of a distribution with its own certificate that sets none:
/// `TLSv1`
/// (<https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_ViewerCertificate.html>).
pub const DEFAULT_MINIMUM_PROTOCOL_VERSION: &str = "TLSv1";

/// Security policies that allow only TLS 1.2 or newer with ciphers CloudFront still
/// recommends (<https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/secure-connections-supported-viewer-protocols-ciphers.html>).
pub const MODERN_PROTOCOL_VERSIONS: &[&str] = &["TLSv1.2_2021", "TLSv1.2_2025", "TLSv1.3_2025"];

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
    /// The security policy viewers connect with: `MinimumProtocolVersion` with a
    /// certificate of its own, `TLSv1` with the default certificate.
    pub minimum_protocol_version: Value<String>,
    /// The origins (`Origins`); an Unknown entry stands for origins that could not be read.
    pub origins: Vec<Origin>,
}

#[derive(Debug, Clone)]
pub struct Origin {
    pub meta: Meta,
    /// An S3 bucket's REST endpoint served as an S3 origin (`S3OriginConfig`, or a bucket
    /// domain without `CustomOriginConfig`).
    pub s3: Value<bool>,
    /// CloudFront signs its requests with an origin access control or identity
    /// (`OriginAccessControlId`, `S3OriginConfig.OriginAccessIdentity`).
    pub access_control: Value<bool>,
    /// A custom origin's `OriginProtocolPolicy` (`http-only`, `match-viewer`, `https-only`);
    /// empty for S3 origins.
    pub protocol_policy: Value<String>,
}

impl Origin {
    /// Origins that could not be read.
    pub fn unknown(origin: crate::Origin) -> Self {
        Origin {
            meta: Meta::unknown(origin.clone()),
            s3: Value::unknown(origin.clone()),
            access_control: Value::unknown(origin.clone()),
            protocol_policy: Value::unknown(origin),
        }
    }
}

/// Whether a domain is an S3 bucket's REST endpoint (`bucket.s3.amazonaws.com`,
/// `bucket.s3.us-east-1.amazonaws.com`, `bucket.s3-us-west-2.amazonaws.com`), not a website
/// endpoint (`bucket.s3-website-us-east-1.amazonaws.com`), which is a custom origin.
pub fn is_s3_rest_endpoint(domain: &str) -> bool {
    let d = domain.to_ascii_lowercase();
    let aws = d.ends_with(".amazonaws.com") || d.ends_with(".amazonaws.com.cn");
    aws && !d.contains(".s3-website") && (d.contains(".s3.") || d.contains(".s3-"))
}
