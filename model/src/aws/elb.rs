use crate::{Meta, ResourceMeta, Value};

/// The SSL policy of an HTTPS or TLS listener that sets none: `ELBSecurityPolicy-2016-08`
/// (<https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_CreateListener.html>).
pub const DEFAULT_SSL_POLICY: &str = "ELBSecurityPolicy-2016-08";

/// The type of a load balancer that sets none: `application`
/// (<https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_CreateLoadBalancer.html>).
pub const DEFAULT_LOAD_BALANCER_TYPE: &str = "application";

/// Whether a load balancer that does not say is internal: no, it is internet-facing
/// (<https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_CreateLoadBalancer.html>,
/// <https://docs.aws.amazon.com/elasticloadbalancing/2012-06-01/APIReference/API_CreateLoadBalancer.html>).
pub const DEFAULT_INTERNAL: bool = false;

/// The security policy of a Classic Load Balancer HTTPS or SSL listener that names none
/// (<https://docs.aws.amazon.com/elasticloadbalancing/latest/classic/elb-security-policy-table.html>).
pub const DEFAULT_CLASSIC_SSL_POLICY: &str = "ELBSecurityPolicy-2016-08";

/// Access logging of a load balancer that does not turn it on: off
/// (<https://docs.aws.amazon.com/elasticloadbalancing/latest/application/enable-access-logging.html>,
/// <https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_LoadBalancerAttribute.html>).
pub const DEFAULT_ACCESS_LOGS: bool = false;

/// Deletion protection of a load balancer that does not turn it on: off
/// (<https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_LoadBalancerAttribute.html>).
pub const DEFAULT_DELETION_PROTECTION: bool = false;

/// Whether an Application Load Balancer that does not say drops invalid HTTP header fields:
/// no, it forwards them (`routing.http.drop_invalid_header_fields.enabled`,
/// <https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_LoadBalancerAttribute.html>).
pub const DEFAULT_DROP_INVALID_HEADER_FIELDS: bool = false;

/// Whether a Classic Load Balancer's `access_logs` block that does not say is enabled: yes
/// (Terraform's `aws_elb`; CloudFormation's `AccessLoggingPolicy.Enabled` is required).
pub const DEFAULT_CLASSIC_ACCESS_LOGS_BLOCK_ENABLED: bool = true;

#[derive(Debug, Default, Clone)]
pub struct Elb {
    pub listeners: Vec<Listener>,
    pub load_balancers: Vec<LoadBalancer>,
}

/// A load balancer: an Application, Network or Gateway Load Balancer (`aws_lb`,
/// `AWS::ElasticLoadBalancingV2::LoadBalancer`) or a Classic Load Balancer (`aws_elb`,
/// `AWS::ElasticLoadBalancing::LoadBalancer`).
#[derive(Debug, Clone)]
pub struct LoadBalancer {
    pub resource: ResourceMeta,
    /// `application`, `network` or `gateway`; `classic` for a Classic Load Balancer.
    pub lb_type: Value<String>,
    /// Reachable only inside its VPC (`internal`, `Scheme: internal`).
    pub internal: Value<bool>,
    /// Access logs are written to S3 (`access_logs.enabled`, `access_logs.s3.enabled`,
    /// `AccessLoggingPolicy.Enabled`); Unknown for a Network Load Balancer without a TLS
    /// listener, which logs nothing else
    /// (<https://docs.aws.amazon.com/elasticloadbalancing/latest/network/load-balancer-access-logs.html>).
    pub access_logs: Value<bool>,
    /// `deletion_protection.enabled`; Unknown for Classic Load Balancers, which have none.
    pub deletion_protection: Value<bool>,
    /// `routing.http.drop_invalid_header_fields.enabled`; Unknown for load balancers other
    /// than Application Load Balancers.
    pub drop_invalid_header_fields: Value<bool>,
    /// A WAF web ACL is associated with it (`aws_wafv2_web_acl_association`,
    /// `AWS::WAFv2::WebACLAssociation`, or their WAF Classic regional counterparts).
    pub web_acl: Value<bool>,
}

impl LoadBalancer {
    /// The type of a Classic Load Balancer.
    pub const CLASSIC: &'static str = "classic";
}

#[derive(Debug, Clone)]
pub struct Listener {
    pub resource: ResourceMeta,
    /// `HTTP`, `HTTPS`, `TCP`, `TLS`, …
    pub protocol: Value<String>,
    pub ssl_policy: Value<String>,
    pub default_actions: Vec<ListenerAction>,
    /// Whether the listener's load balancer is internal (reachable only inside its VPC);
    /// Unknown when that load balancer is not known.
    pub internal: Value<bool>,
    /// A Classic Load Balancer's listener (`aws_elb`, `AWS::ElasticLoadBalancing::LoadBalancer`),
    /// which has no redirect action: HTTP is served as it is.
    pub classic: bool,
}

#[derive(Debug, Clone)]
pub struct ListenerAction {
    pub meta: Meta,
    /// `forward`, `redirect`, `fixed-response`, …
    pub action_type: Value<String>,
    /// For redirects: the target protocol (`HTTPS`, or `#{protocol}` to keep it).
    pub redirect_protocol: Value<String>,
}

impl ListenerAction {
    /// What a Classic Load Balancer listener does: forward every request to its instances
    /// (it has no redirect).
    pub fn classic_forward(origin: crate::Origin) -> Self {
        ListenerAction {
            meta: Meta::explicit(origin.clone()),
            action_type: Value::explicit("forward".to_string(), origin.clone()),
            redirect_protocol: Value::default_at(String::new(), origin),
        }
    }
}

/// SSL policies whose protocols all are TLS 1.2 or newer.
pub fn ssl_policy_is_modern(policy: &str) -> bool {
    let p = policy.to_ascii_lowercase();
    p.contains("tls13")
        || p.contains("tls-1-2")
        || p.contains("tls-1-3")
        || p.starts_with("elbsecuritypolicy-fs-1-2")
}
