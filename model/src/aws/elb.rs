use crate::{Meta, ResourceMeta, Value};

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
}

#[derive(Debug, Clone)]
pub struct ListenerAction {
    pub meta: Meta,
    /// `forward`, `redirect`, `fixed-response`, …
    pub action_type: Value<String>,
    /// For redirects: the target protocol (`HTTPS`, or `#{protocol}` to keep it).
    pub redirect_protocol: Value<String>,
}

/// SSL policies whose protocols all are TLS 1.2 or newer.
pub fn ssl_policy_is_modern(policy: &str) -> bool {
    let p = policy.to_ascii_lowercase();
    p.contains("tls13")
        || p.contains("tls-1-2")
        || p.contains("tls-1-3")
        || p.starts_with("elbsecuritypolicy-fs-1-2")
}
