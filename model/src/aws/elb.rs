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

#[derive(Debug, Default, Clone)]
pub struct Elb {
    pub listeners: Vec<Listener>,
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
