//! `compute.v1.firewall`, `compute.v1.instance` and `compute.v1.instanceTemplate` (whose
//! instance settings are under `properties`).

use super::{Cx, DmResource, Nested, Obj, resource_meta};
use crate::adapt::{Reader, as_bool, src};
use cloudsentinel_model::google::compute::{
    Compute, DEFAULT_BLOCK_PROJECT_SSH_KEYS, DEFAULT_CAN_IP_FORWARD, DEFAULT_FIREWALL_DIRECTION,
    DEFAULT_FIREWALL_DISABLED, DEFAULT_INGRESS_SOURCE_RANGE, DEFAULT_INTEGRITY_MONITORING,
    DEFAULT_SECURE_BOOT, DEFAULT_SERIAL_PORT_ENABLED, DEFAULT_SERVICE_ACCOUNT_EMAIL, DEFAULT_VTPM,
    Firewall, FirewallRule, Instance, InstanceKind, NetworkInterface, ServiceAccount,
    is_default_service_account_email,
};
use cloudsentinel_model::{Meta, Value};

const FIREWALL: [&str; 4] = [
    "compute.v1.firewall",
    "compute.beta.firewall",
    "gcp-types/compute-v1:firewalls",
    "gcp-types/compute-beta:firewalls",
];
const INSTANCE: [&str; 4] = [
    "compute.v1.instance",
    "compute.beta.instance",
    "gcp-types/compute-v1:instances",
    "gcp-types/compute-beta:instances",
];
const TEMPLATE: [&str; 6] = [
    "compute.v1.instanceTemplate",
    "compute.beta.instanceTemplate",
    "compute.v1.regionInstanceTemplate",
    "gcp-types/compute-v1:instanceTemplates",
    "gcp-types/compute-beta:instanceTemplates",
    "gcp-types/compute-v1:regionInstanceTemplates",
];
const SERVICE_ACCOUNT: [&str; 2] = [
    "iam.v1.serviceAccount",
    "gcp-types/iam-v1:projects.serviceAccounts",
];

pub(super) fn adapt(cx: &Cx<'_>, out: &mut Compute) {
    for res in cx.resources(&FIREWALL) {
        out.firewalls.push(firewall(res));
    }
    let accounts: Vec<&str> = cx
        .resources(&SERVICE_ACCOUNT)
        .iter()
        .map(|r| r.address.as_str())
        .collect();
    for res in cx.resources(&INSTANCE) {
        let node = Obj::resource(res);
        out.instances
            .push(instance(res, &node, InstanceKind::Instance, &accounts));
    }
    for res in cx.resources(&TEMPLATE) {
        let node = Obj::resource(res);
        let inner = match node.obj("properties") {
            Nested::Present(p) => p,
            // No instance properties written: every setting is its default at the resource;
            // properties that cannot be evaluated leave every setting Unknown.
            Nested::Absent => node,
            Nested::Unknown(at) => {
                let mut i = instance(res, &node, InstanceKind::Template, &accounts);
                let unknown = || Value::unknown(src(at));
                i.service_accounts_incomplete = true;
                i.network_interfaces_incomplete = true;
                i.can_ip_forward = unknown();
                i.serial_port_enabled = unknown();
                i.block_project_ssh_keys = unknown();
                i.os_login_enabled = unknown();
                i.secure_boot = unknown();
                i.vtpm = unknown();
                i.integrity_monitoring = unknown();
                out.instances.push(i);
                continue;
            }
        };
        out.instances
            .push(instance(res, &inner, InstanceKind::Template, &accounts));
    }
}

fn firewall(res: &DmResource) -> Firewall {
    let node = Obj::resource(res);
    let at = node.loc;
    let mut source_ranges = node.strings("sourceRanges").unwrap_or_default();
    if source_ranges.is_empty() {
        // No source ranges: an ingress rule without source tags or service accounts admits
        // every address (the API's documented default).
        let others: Vec<Value<String>> = ["sourceTags", "sourceServiceAccounts"]
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
    let allowed = node.list("allowed");
    let denied = node.list("denied");
    Firewall {
        resource: resource_meta(res),
        name: super::api_name(res, "name"),
        direction: node.string("direction", Some(DEFAULT_FIREWALL_DIRECTION)),
        disabled: node.bool("disabled", Some(DEFAULT_FIREWALL_DISABLED)),
        source_ranges,
        allowed: allowed.nodes.iter().map(rule).collect(),
        denied: denied.nodes.iter().map(rule).collect(),
        rules_incomplete: allowed.incomplete || denied.incomplete,
    }
}

fn rule(node: &Obj<'_>) -> FirewallRule {
    FirewallRule {
        meta: Meta::explicit(src(node.loc)),
        protocol: node.string("IPProtocol", None),
        ports: node.strings("ports").unwrap_or_default(),
    }
}

/// An instance, or an instance template's `properties` (`node`).
fn instance(res: &DmResource, node: &Obj<'_>, kind: InstanceKind, accounts: &[&str]) -> Instance {
    let accounts_list = node.list("serviceAccounts");
    let interfaces = node.list("networkInterfaces");
    let shielded =
        |name: &str, default: bool| node.nested_bool("shieldedInstanceConfig", name, default);
    Instance {
        resource: resource_meta(res),
        kind,
        service_accounts: accounts_list
            .nodes
            .iter()
            .map(|a| {
                let email = a.string("email", Some(DEFAULT_SERVICE_ACCOUNT_EMAIL));
                let is_default_account = match email.known() {
                    Some(e) => Value::new(
                        Some(is_default_service_account_email(e)),
                        email.meta.clone(),
                    ),
                    // `$(ref.sa.email)`: an account this deployment creates is never the
                    // project's default one.
                    None if a.field("email").is_some_and(|f| {
                        f.value
                            .source_ref
                            .as_deref()
                            .is_some_and(|r| accounts.contains(&r))
                    }) =>
                    {
                        Value::explicit(false, email.meta.origin.clone())
                    }
                    None => Value::unknown(email.meta.origin.clone()),
                };
                ServiceAccount {
                    meta: Meta::explicit(src(a.loc)),
                    email,
                    is_default_account,
                    scopes: a.strings("scopes").unwrap_or_default(),
                }
            })
            .collect(),
        service_accounts_incomplete: accounts_list.incomplete,
        network_interfaces: interfaces
            .nodes
            .iter()
            .map(|n| {
                let configs = n.list("accessConfigs");
                NetworkInterface {
                    meta: Meta::explicit(src(n.loc)),
                    access_configs: configs
                        .nodes
                        .iter()
                        .map(|c| Meta::explicit(src(c.loc)))
                        .collect(),
                    access_configs_incomplete: configs.incomplete,
                }
            })
            .collect(),
        network_interfaces_incomplete: interfaces.incomplete,
        can_ip_forward: node.bool("canIpForward", Some(DEFAULT_CAN_IP_FORWARD)),
        serial_port_enabled: metadata_flag(
            node,
            "serial-port-enable",
            Some(DEFAULT_SERIAL_PORT_ENABLED),
        ),
        block_project_ssh_keys: metadata_flag(
            node,
            "block-project-ssh-keys",
            Some(DEFAULT_BLOCK_PROJECT_SSH_KEYS),
        ),
        os_login_enabled: metadata_flag(node, "enable-oslogin", None),
        secure_boot: shielded("enableSecureBoot", DEFAULT_SECURE_BOOT),
        vtpm: shielded("enableVtpm", DEFAULT_VTPM),
        integrity_monitoring: shielded("enableIntegrityMonitoring", DEFAULT_INTEGRITY_MONITORING),
    }
}

/// A boolean metadata item (`metadata.items: [{key, value}]`, the API's form): the default at
/// the resource when absent, Unknown when the items or the value cannot be evaluated or the
/// value is not a boolean.
fn metadata_flag(node: &Obj<'_>, key: &str, default: Option<bool>) -> Value<bool> {
    let absent = |at| match default {
        Some(d) => Value::default_at(d, src(at)),
        None => Value::unknown(src(at)),
    };
    let metadata = match node.obj("metadata") {
        Nested::Absent => return absent(node.loc),
        Nested::Unknown(at) => return Value::unknown(src(at)),
        Nested::Present(m) => m,
    };
    let items = metadata.list("items");
    let found = items.nodes.iter().find(|i| {
        i.value
            .get("key")
            .and_then(crate::dynvalue::Dyn::as_str)
            .is_some_and(|k| k == key)
    });
    let unevaluated_key = items
        .nodes
        .iter()
        .any(|i| i.value.get("key").is_none_or(|k| k.as_str().is_none()));
    match found {
        Some(item) => match item.field("value") {
            Some(f) => match as_bool(f.value) {
                Some(b) => Value::explicit(b, f.origin()),
                None => Value::unknown(f.origin()),
            },
            None => Value::unknown(src(item.loc)),
        },
        None if items.incomplete || unevaluated_key => Value::unknown(src(metadata.loc)),
        None => absent(node.loc),
    }
}
