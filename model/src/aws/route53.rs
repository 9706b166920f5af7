//! Route 53 hosted zones with their query logging and DNSSEC signing
//! (<https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/query-logs.html>,
//! <https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/dns-configuring-dnssec.html>).

use crate::{ResourceMeta, Value};

#[derive(Debug, Default, Clone)]
pub struct Route53 {
    pub zones: Vec<HostedZone>,
}

#[derive(Debug, Clone)]
pub struct HostedZone {
    pub resource: ResourceMeta,
    /// Associated with VPCs (`vpc`, `VPCs`): a private zone. Default false.
    pub private: Value<bool>,
    /// A query logging configuration (`QueryLoggingConfig`, `aws_route53_query_log`) is
    /// declared for it; Default false: a new zone logs no queries.
    pub query_logging: Value<bool>,
    /// DNSSEC signing is on (`AWS::Route53::DNSSEC`, `aws_route53_hosted_zone_dnssec` with
    /// `signing_status` `SIGNING`, its default); Default false: a new zone is not signed.
    pub dnssec_signing: Value<bool>,
}
