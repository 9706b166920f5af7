//! Network security group rules, inline and as their own resources
//! (<https://learn.microsoft.com/en-us/azure/templates/microsoft.network/networksecuritygroups/securityrules>).

use crate::{Meta, ResourceMeta, Value};

/// Source prefixes and service tags that mean every address.
pub const ANY_SOURCE: [&str; 6] = ["*", "Internet", "Any", "0.0.0.0/0", "0.0.0.0", "::/0"];

#[derive(Debug, Default, Clone)]
pub struct Network {
    pub security_rules: Vec<SecurityRule>,
    pub flow_logs: Vec<FlowLog>,
    pub application_gateways: Vec<ApplicationGateway>,
}

/// A network security group (or virtual network) flow log
/// (<https://learn.microsoft.com/en-us/azure/templates/microsoft.network/networkwatchers/flowlogs>).
#[derive(Debug, Clone)]
pub struct FlowLog {
    pub resource: ResourceMeta,
    /// `retentionPolicy.enabled`: when off, logs are kept indefinitely.
    pub retention_enabled: Value<bool>,
    /// `retentionPolicy.days`; 0 keeps logs indefinitely.
    pub retention_days: Value<i64>,
}

/// An application gateway
/// (<https://learn.microsoft.com/en-us/azure/templates/microsoft.network/applicationgateways>).
#[derive(Debug, Clone)]
pub struct ApplicationGateway {
    pub resource: ResourceMeta,
    /// A web application firewall inspects its traffic: a WAF SKU with the firewall enabled,
    /// or a firewall policy attached.
    pub waf: Value<bool>,
}

#[derive(Debug, Clone)]
pub struct SecurityRule {
    /// The security group for an inline rule; the rule resource for a rule of its own.
    pub resource: ResourceMeta,
    /// The rule itself.
    pub meta: Meta,
    pub name: Value<String>,
    /// `Inbound` or `Outbound`.
    pub direction: Value<String>,
    /// `Allow` or `Deny`.
    pub access: Value<String>,
    /// `Tcp`, `Udp`, `Icmp`, `Esp`, `Ah` or `*`.
    pub protocol: Value<String>,
    /// `sourceAddressPrefix` and `sourceAddressPrefixes`, each possibly Unknown.
    pub source_prefixes: Vec<Value<String>>,
    /// `destinationPortRange` and `destinationPortRanges` (`22`, `1000-2000`, `*`).
    pub destination_ports: Vec<Value<String>>,
}

impl SecurityRule {
    /// An inbound rule that allows traffic; `None` when either setting is Unknown.
    pub fn allows_inbound(&self) -> Option<bool> {
        let inbound = self.direction.as_str()?.eq_ignore_ascii_case("Inbound");
        let allow = self.access.as_str()?.eq_ignore_ascii_case("Allow");
        Some(inbound && allow)
    }

    /// Whether the rule's protocol carries TCP (`Tcp` or `*`); `None` when Unknown.
    pub fn carries_tcp(&self) -> Option<bool> {
        let p = self.protocol.as_str()?;
        Some(p == "*" || p.eq_ignore_ascii_case("Tcp") || p.eq_ignore_ascii_case("Any"))
    }

    /// Whether the destination ports include `port`: `Some(true)` when a known range covers
    /// it, `None` when some range is Unknown and none covers it.
    pub fn covers_port(&self, port: u32) -> Option<bool> {
        covers(&self.destination_ports, |lo, hi| lo <= port && port <= hi)
    }

    /// Whether the destination ports are every port (`*` or `0-65535`).
    pub fn covers_all_ports(&self) -> Option<bool> {
        covers(&self.destination_ports, |lo, hi| lo == 0 && hi >= 65535)
    }
}

fn covers(ports: &[Value<String>], pred: impl Fn(u32, u32) -> bool) -> Option<bool> {
    let mut unknown = false;
    for p in ports {
        match p.as_str().and_then(port_range) {
            Some((lo, hi)) if pred(lo, hi) => return Some(true),
            Some(_) => {}
            None => unknown = true,
        }
    }
    if unknown { None } else { Some(false) }
}

/// `22`, `1000-2000` or `*` as an inclusive range.
pub fn port_range(s: &str) -> Option<(u32, u32)> {
    let s = s.trim();
    if s == "*" {
        return Some((0, 65535));
    }
    if let Some((a, b)) = s.split_once('-') {
        return Some((a.trim().parse().ok()?, b.trim().parse().ok()?));
    }
    let p = s.parse().ok()?;
    Some((p, p))
}

#[cfg(test)]
mod tests {
    use super::port_range;

    #[test]
    fn port_ranges() {
        assert_eq!(port_range("*"), Some((0, 65535)));
        assert_eq!(port_range("22"), Some((22, 22)));
        assert_eq!(port_range("20-30"), Some((20, 30)));
        assert_eq!(port_range("ssh"), None);
    }
}
