//! `Microsoft.Network/networkSecurityGroups` (inline rules) and their `securityRules`,
//! flow logs and application gateways.

use super::{Cx, Obj, props, resource_meta};
use crate::adapt::{Reader, src};
use cloudsentinel_model::azure::network::{ApplicationGateway, FlowLog, Network, SecurityRule};
use cloudsentinel_model::{Meta, ResourceMeta, Value};

pub(super) fn adapt(cx: &Cx<'_>, out: &mut Network) {
    for &r in cx.resources("Microsoft.Network/networkSecurityGroups") {
        let rules = props(r).list("securityRules");
        for rule_obj in &rules.nodes {
            let body = match rule_obj.obj("properties") {
                super::Nested::Present(p) => p,
                _ => *rule_obj,
            };
            out.security_rules
                .push(rule(resource_meta(r), rule_obj, &body));
        }
    }
    for &r in cx.resources("Microsoft.Network/networkSecurityGroups/securityRules") {
        let p = props(r);
        out.security_rules
            .push(rule(resource_meta(r), &Obj::resource(r), &p));
    }
    for &r in cx.resources("Microsoft.Network/networkWatchers/flowLogs") {
        let p = props(r);
        // No retention policy keeps logs indefinitely; `days` 0 too.
        out.flow_logs.push(FlowLog {
            resource: resource_meta(r),
            retention_enabled: p.nested("retentionPolicy", false, |rp| {
                rp.bool("enabled", Some(false))
            }),
            retention_days: p.nested("retentionPolicy", 0, |rp| rp.int("days", Some(0))),
        });
    }
    for &r in cx.resources("Microsoft.Network/applicationGateways") {
        let p = props(r);
        let policy = p.has("firewallPolicy");
        let tier = p.nested("sku", String::new(), |s| s.string("tier", None));
        let waf_tier = tier.map(|t| t.to_ascii_uppercase().starts_with("WAF"));
        let waf = if policy {
            Value::explicit(true, src(r.location))
        } else if waf_tier.is_true() {
            p.nested("webApplicationFirewallConfiguration", false, |w| {
                w.bool("enabled", None)
            })
        } else {
            waf_tier
        };
        out.application_gateways.push(ApplicationGateway {
            resource: resource_meta(r),
            waf,
        });
    }
}

/// One rule: `name` from the rule object, settings from its `properties`.
fn rule(resource: ResourceMeta, named: &Obj<'_>, p: &Obj<'_>) -> SecurityRule {
    let list = |one: &str, many: &str| {
        let mut out: Vec<Value<String>> = Vec::new();
        if p.has(one) {
            out.push(p.string(one, None));
        }
        out.extend(p.strings(many).unwrap_or_default());
        out
    };
    SecurityRule {
        resource,
        meta: Meta::explicit(src(named.loc)),
        name: named.string("name", None),
        direction: p.string("direction", None),
        access: p.string("access", None),
        protocol: p.string("protocol", None),
        source_prefixes: list("sourceAddressPrefix", "sourceAddressPrefixes"),
        destination_ports: list("destinationPortRange", "destinationPortRanges"),
    }
}
