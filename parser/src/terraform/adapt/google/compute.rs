//! `google_compute_firewall`, `google_compute_instance` and
//! `google_compute_instance_template`.

use crate::adapt::as_bool;
use crate::terraform::adapt::{Cx, Node, Reader, resource_meta, src};
use crate::terraform::ir::TfResource;
use cloudsentinel_model::google::compute::{
    Compute, DEFAULT_BLOCK_PROJECT_SSH_KEYS, DEFAULT_CAN_IP_FORWARD, DEFAULT_FIREWALL_DIRECTION,
    DEFAULT_FIREWALL_DISABLED, DEFAULT_INGRESS_SOURCE_RANGE, DEFAULT_INTEGRITY_MONITORING,
    DEFAULT_SECURE_BOOT, DEFAULT_SERIAL_PORT_ENABLED, DEFAULT_SERVICE_ACCOUNT_EMAIL, DEFAULT_VTPM,
    Firewall, FirewallRule, Instance, InstanceKind, NetworkInterface, ServiceAccount,
    is_default_service_account_email,
};
use cloudsentinel_model::{Meta, Value};

pub(super) fn adapt(cx: &Cx<'_>, out: &mut Compute) {
    for res in cx.resources("google_compute_firewall") {
        out.firewalls.push(firewall(res));
    }
    for (rtype, kind) in [
        ("google_compute_instance", InstanceKind::Instance),
        ("google_compute_instance_template", InstanceKind::Template),
        (
            "google_compute_region_instance_template",
            InstanceKind::Template,
        ),
    ] {
        for res in cx.resources(rtype) {
            out.instances.push(instance(res, kind));
        }
    }
}

fn firewall(res: &TfResource) -> Firewall {
    let node = Node::resource(res);
    let at = node.loc();
    let mut source_ranges = node.strings("source_ranges").unwrap_or_default();
    if source_ranges.is_empty() {
        // No source ranges: an ingress rule without source tags or service accounts admits
        // every address (the API's documented default).
        let others: Vec<Value<String>> = ["source_tags", "source_service_accounts"]
            .iter()
            .flat_map(|a| node.strings(a).unwrap_or_default())
            .collect();
        if others.is_empty() {
            source_ranges.push(Value::default_at(
                DEFAULT_INGRESS_SOURCE_RANGE.to_string(),
                src(at),
            ));
        } else if others.iter().any(Value::is_unknown) {
            source_ranges.push(Value::unknown(src(at)));
        }
    }
    let allow = node.children("allow");
    let deny = node.children("deny");
    Firewall {
        resource: resource_meta(res),
        name: node.string("name", None),
        direction: node.string("direction", Some(DEFAULT_FIREWALL_DIRECTION)),
        disabled: node.bool("disabled", Some(DEFAULT_FIREWALL_DISABLED)),
        source_ranges,
        allowed: allow.nodes.iter().map(rule).collect(),
        denied: deny.nodes.iter().map(rule).collect(),
        rules_incomplete: allow.incomplete || deny.incomplete,
    }
}

/// True when `value` is read from a `google_service_account` resource of the configuration.
fn created_account(value: &crate::dynvalue::Dyn) -> bool {
    value.source_ref.as_deref().is_some_and(|r| {
        r.rsplit_once("google_service_account.")
            .is_some_and(|(prefix, _)| prefix.is_empty() || prefix.ends_with('.'))
    })
}

fn rule(node: &Node<'_>) -> FirewallRule {
    FirewallRule {
        meta: Meta::explicit(src(node.loc())),
        protocol: node.string("protocol", None),
        ports: node.strings("ports").unwrap_or_default(),
    }
}

fn instance(res: &TfResource, kind: InstanceKind) -> Instance {
    let node = Node::resource(res);
    let at = node.loc();
    let accounts = node.children("service_account");
    let interfaces = node.children("network_interface");
    let shielded = node.children("shielded_instance_config");
    let shielded_setting = |name: &str, default: bool| match shielded.nodes.first() {
        Some(s) => s.bool(name, Some(default)),
        None if shielded.incomplete => Value::unknown(src(at)),
        None => Value::default_at(default, src(at)),
    };
    Instance {
        resource: resource_meta(res),
        kind,
        service_accounts: accounts
            .nodes
            .iter()
            .map(|a| {
                let email = a.string("email", Some(DEFAULT_SERVICE_ACCOUNT_EMAIL));
                let is_default_account = match email.known() {
                    Some(e) => Value::new(
                        Some(is_default_service_account_email(e)),
                        email.meta.clone(),
                    ),
                    // `google_service_account.x.email`: computed, but an account this
                    // configuration creates is never the project's default one.
                    None if a.field("email").is_some_and(|f| created_account(f.value)) => {
                        Value::explicit(false, email.meta.origin.clone())
                    }
                    None => Value::unknown(email.meta.origin.clone()),
                };
                ServiceAccount {
                    meta: Meta::explicit(src(a.loc())),
                    email,
                    is_default_account,
                    scopes: a.strings("scopes").unwrap_or_default(),
                }
            })
            .collect(),
        service_accounts_incomplete: accounts.incomplete,
        network_interfaces: interfaces
            .nodes
            .iter()
            .map(|n| {
                let configs = n.children("access_config");
                NetworkInterface {
                    meta: Meta::explicit(src(n.loc())),
                    access_configs: configs
                        .nodes
                        .iter()
                        .map(|c| Meta::explicit(src(c.loc())))
                        .collect(),
                    access_configs_incomplete: configs.incomplete,
                }
            })
            .collect(),
        network_interfaces_incomplete: interfaces.incomplete,
        can_ip_forward: node.bool("can_ip_forward", Some(DEFAULT_CAN_IP_FORWARD)),
        serial_port_enabled: metadata_flag(
            &node,
            "serial-port-enable",
            Some(DEFAULT_SERIAL_PORT_ENABLED),
        ),
        block_project_ssh_keys: metadata_flag(
            &node,
            "block-project-ssh-keys",
            Some(DEFAULT_BLOCK_PROJECT_SSH_KEYS),
        ),
        os_login_enabled: metadata_flag(&node, "enable-oslogin", None),
        secure_boot: shielded_setting("enable_secure_boot", DEFAULT_SECURE_BOOT),
        vtpm: shielded_setting("enable_vtpm", DEFAULT_VTPM),
        integrity_monitoring: shielded_setting(
            "enable_integrity_monitoring",
            DEFAULT_INTEGRITY_MONITORING,
        ),
    }
}

/// A boolean metadata key (`"TRUE"`, `"false"`, `true`): the default at the resource when the
/// key (or the whole `metadata` map) is absent, Unknown when the map or the value cannot be
/// evaluated or is not a boolean.
fn metadata_flag(node: &Node<'_>, key: &str, default: Option<bool>) -> Value<bool> {
    let at = node.loc();
    let absent = || match default {
        Some(d) => Value::default_at(d, src(at)),
        None => Value::unknown(src(at)),
    };
    let Some(f) = node.field("metadata") else {
        return absent();
    };
    if f.value.as_map().is_none() {
        return Value::unknown(f.origin());
    }
    match f.value.get(key).filter(|v| !v.is_null()) {
        Some(v) => {
            let origin = src(f.loc_of(v));
            match as_bool(v) {
                Some(b) => Value::explicit(b, origin),
                None => Value::unknown(origin),
            }
        }
        None => absent(),
    }
}
