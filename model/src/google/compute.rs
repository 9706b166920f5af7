//! Compute Engine: VPC firewall rules, VM instances and instance templates
//! (<https://cloud.google.com/compute/docs/reference/rest/v1/firewalls>,
//! <https://cloud.google.com/compute/docs/reference/rest/v1/instances>).

use crate::{Meta, ResourceMeta, Value};

/// Direction of a firewall rule that does not set it: `INGRESS`
/// (<https://cloud.google.com/compute/docs/reference/rest/v1/firewalls#Firewall.FIELDS.direction>).
pub const DEFAULT_FIREWALL_DIRECTION: &str = "INGRESS";

/// Source range of an ingress rule that sets no source ranges, tags or service accounts:
/// every IPv4 address ("If no ranges are specified, the default is 0.0.0.0/0")
/// (<https://cloud.google.com/compute/docs/reference/rest/v1/firewalls#Firewall.FIELDS.source_ranges>).
pub const DEFAULT_INGRESS_SOURCE_RANGE: &str = "0.0.0.0/0";

/// A firewall rule that does not say is enabled
/// (<https://cloud.google.com/compute/docs/reference/rest/v1/firewalls#Firewall.FIELDS.disabled>).
pub const DEFAULT_FIREWALL_DISABLED: bool = false;

/// IP forwarding of an instance that does not enable it: off
/// (<https://cloud.google.com/compute/docs/reference/rest/v1/instances#Instance.FIELDS.can_ip_forward>).
pub const DEFAULT_CAN_IP_FORWARD: bool = false;

/// Shielded VM settings when none are given: secure boot off, vTPM and integrity monitoring
/// on (<https://cloud.google.com/compute/docs/reference/rest/v1/instances#ShieldedInstanceConfig>).
pub const DEFAULT_SECURE_BOOT: bool = false;
pub const DEFAULT_VTPM: bool = true;
pub const DEFAULT_INTEGRITY_MONITORING: bool = true;

/// Metadata keys the checks read (<https://cloud.google.com/compute/docs/metadata/predefined-metadata-keys>):
/// an instance without them inherits the project's metadata, and the service's own
/// defaults are off (serial port access off, project-wide SSH keys not blocked).
pub const DEFAULT_SERIAL_PORT_ENABLED: bool = false;
pub const DEFAULT_BLOCK_PROJECT_SSH_KEYS: bool = false;

/// The service account email the Compute API accepts for the project's default compute
/// service account (`PROJECT_NUMBER-compute@developer.gserviceaccount.com`)
/// (<https://cloud.google.com/compute/docs/reference/rest/v1/instances#Instance.FIELDS.service_accounts.email>).
pub const DEFAULT_SERVICE_ACCOUNT_EMAIL: &str = "default";

/// The scope that grants access to every Google Cloud API
/// (<https://developers.google.com/identity/protocols/oauth2/scopes>).
pub const CLOUD_PLATFORM_SCOPE: &str = "https://www.googleapis.com/auth/cloud-platform";

#[derive(Debug, Default, Clone)]
pub struct Compute {
    pub firewalls: Vec<Firewall>,
    /// Instances and instance templates.
    pub instances: Vec<Instance>,
}

#[derive(Debug, Clone)]
pub struct Firewall {
    pub resource: ResourceMeta,
    pub name: Value<String>,
    /// `INGRESS` or `EGRESS`.
    pub direction: Value<String>,
    pub disabled: Value<bool>,
    /// Source ranges of an ingress rule (destination ranges are not modelled); an ingress rule
    /// without sources gets [`DEFAULT_INGRESS_SOURCE_RANGE`] as a Default value.
    pub source_ranges: Vec<Value<String>>,
    /// `allowed[]`; each may be Unknown.
    pub allowed: Vec<FirewallRule>,
    /// `denied[]`.
    pub denied: Vec<FirewallRule>,
    /// Some `allow`/`deny` entries could not be evaluated (a dynamic block over an Unknown
    /// collection).
    pub rules_incomplete: bool,
}

/// One `allowed[]` or `denied[]` entry: a protocol and its ports.
#[derive(Debug, Clone)]
pub struct FirewallRule {
    pub meta: Meta,
    /// `tcp`, `udp`, `icmp`, `all`, or a protocol number.
    pub protocol: Value<String>,
    /// Ports and ranges (`"22"`, `"8000-8080"`); empty: every port.
    pub ports: Vec<Value<String>>,
}

fn protocol_is(p: &str, names: &[&str]) -> bool {
    names.iter().any(|n| p.trim().eq_ignore_ascii_case(n))
}

/// A port entry as a range; `None` when it is not a port or range.
pub fn port_range(s: &str) -> Option<(u32, u32)> {
    let s = s.trim();
    if let Some((a, b)) = s.split_once('-') {
        return Some((a.trim().parse().ok()?, b.trim().parse().ok()?));
    }
    let p = s.parse().ok()?;
    Some((p, p))
}

impl FirewallRule {
    /// True when the rule admits every protocol.
    pub fn is_all_protocols(&self) -> bool {
        self.protocol.is(|p| protocol_is(p, &["all"]))
    }

    /// True when the protocol is known to be TCP (or all protocols).
    pub fn carries_tcp(&self) -> bool {
        self.protocol.is(|p| protocol_is(p, &["all", "tcp", "6"]))
    }

    /// True when the ports are known to include `port` (no ports: every port).
    pub fn covers_port(&self, port: u32) -> bool {
        self.ports.is_empty()
            || self
                .ports
                .iter()
                .any(|p| p.is(|p| port_range(p).is_some_and(|(a, b)| a <= port && port <= b)))
    }

    /// True when the rule is known to admit every protocol, or every port of a protocol that
    /// has ports (no port list, or a range 0–65535 / 1–65535).
    pub fn covers_all_ports(&self) -> bool {
        if self.is_all_protocols() {
            return true;
        }
        let has_ports = self
            .protocol
            .is(|p| protocol_is(p, &["tcp", "udp", "sctp", "6", "17", "132"]));
        has_ports
            && (self.ports.is_empty()
                || self
                    .ports
                    .iter()
                    .any(|p| p.is(|p| port_range(p).is_some_and(|(a, b)| a <= 1 && b >= 65535))))
    }

    /// True when the protocol and every port are known.
    pub fn is_known(&self) -> bool {
        self.protocol.known().is_some() && self.ports.iter().all(|p| p.known().is_some())
    }
}

impl Firewall {
    /// True when the rule is known to be an enabled ingress rule.
    pub fn is_enabled_ingress(&self) -> bool {
        self.direction.eq_ignore_case("INGRESS") && self.disabled.is_false()
    }

    /// The first source range that is the whole internet.
    pub fn public_source(&self) -> Option<&Value<String>> {
        self.source_ranges
            .iter()
            .find(|r| r.is(|r| crate::net::PUBLIC_RANGES.contains(&r.trim())))
    }

    /// True when it is known not to be an enabled ingress rule from the internet.
    pub fn known_not_public_ingress(&self) -> bool {
        self.direction.eq_ignore_case("EGRESS")
            || self.disabled.is_true()
            || (self.source_ranges.iter().all(|r| r.known().is_some())
                && self.public_source().is_none())
    }
}

/// Whether a resource is a VM or a template VMs are created from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InstanceKind {
    Instance,
    Template,
}

#[derive(Debug, Clone)]
pub struct Instance {
    pub resource: ResourceMeta,
    pub kind: InstanceKind,
    /// `serviceAccounts[]` (at most one); empty: the VM runs without a service account.
    pub service_accounts: Vec<ServiceAccount>,
    /// The service accounts could not be evaluated.
    pub service_accounts_incomplete: bool,
    pub network_interfaces: Vec<NetworkInterface>,
    pub network_interfaces_incomplete: bool,
    pub can_ip_forward: Value<bool>,
    /// Metadata `serial-port-enable`.
    pub serial_port_enabled: Value<bool>,
    /// Metadata `block-project-ssh-keys`.
    pub block_project_ssh_keys: Value<bool>,
    /// Metadata `enable-oslogin`; Unknown when absent (the project's metadata decides).
    pub os_login_enabled: Value<bool>,
    pub secure_boot: Value<bool>,
    pub vtpm: Value<bool>,
    pub integrity_monitoring: Value<bool>,
}

impl Instance {
    /// "instance" or "instance template", for messages.
    pub fn noun(&self) -> &'static str {
        match self.kind {
            InstanceKind::Instance => "instance",
            InstanceKind::Template => "instance template",
        }
    }
}

#[derive(Debug, Clone)]
pub struct ServiceAccount {
    pub meta: Meta,
    /// The account's email; [`DEFAULT_SERVICE_ACCOUNT_EMAIL`] for the default account.
    pub email: Value<String>,
    /// Whether it is the project's default compute service account: known from a known
    /// email, and false for an email not known before deployment that comes from a service
    /// account the configuration creates (a created account is never the default one).
    pub is_default_account: Value<bool>,
    /// OAuth scopes, as URLs or the provider's aliases (`cloud-platform`).
    pub scopes: Vec<Value<String>>,
}

/// True when `email` names the project's default compute service account (`default`, or
/// `PROJECT_NUMBER-compute@developer.gserviceaccount.com`; empty means the default too).
pub fn is_default_service_account_email(email: &str) -> bool {
    let e = email.trim();
    e.is_empty()
        || e.eq_ignore_ascii_case(DEFAULT_SERVICE_ACCOUNT_EMAIL)
        || e.to_ascii_lowercase()
            .ends_with("-compute@developer.gserviceaccount.com")
}

impl ServiceAccount {
    /// True when the account is known to be the project's default compute service account.
    pub fn is_default(&self) -> bool {
        self.is_default_account.is_true()
    }

    /// The scope granting every API (`cloud-platform` or its URL), if listed.
    pub fn cloud_platform_scope(&self) -> Option<&Value<String>> {
        self.scopes.iter().find(|s| {
            s.is(|s| {
                let s = s.trim();
                s == "cloud-platform" || s == CLOUD_PLATFORM_SCOPE
            })
        })
    }
}

#[derive(Debug, Clone)]
pub struct NetworkInterface {
    pub meta: Meta,
    /// `accessConfigs[]` (one-to-one NAT: an external IPv4 address), each located where
    /// written; empty: internal addresses only.
    pub access_configs: Vec<Meta>,
    pub access_configs_incomplete: bool,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Origin;

    fn rule(protocol: &str, ports: &[&str]) -> FirewallRule {
        FirewallRule {
            meta: Meta::explicit(Origin::None),
            protocol: Value::explicit(protocol.into(), Origin::None),
            ports: ports
                .iter()
                .map(|p| Value::explicit((*p).to_string(), Origin::None))
                .collect(),
        }
    }

    #[test]
    fn ports_and_protocols() {
        assert!(rule("tcp", &["22"]).covers_port(22));
        assert!(rule("tcp", &["20-30"]).covers_port(22));
        assert!(!rule("tcp", &["80", "443"]).covers_port(22));
        assert!(rule("tcp", &[]).covers_port(3389));
        assert!(rule("tcp", &[]).covers_all_ports());
        assert!(rule("all", &[]).covers_all_ports() && rule("all", &[]).carries_tcp());
        assert!(rule("udp", &["0-65535"]).covers_all_ports());
        assert!(!rule("icmp", &[]).covers_all_ports() && !rule("udp", &["22"]).carries_tcp());
        assert_eq!(port_range("x"), None);
    }
}
