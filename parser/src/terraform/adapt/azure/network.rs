//! `azurerm_network_security_group` (inline `security_rule` blocks) and
//! `azurerm_network_security_rule`.

use super::in_block;
use crate::terraform::adapt::{Cx, Node, Reader, resource_meta, src};
use cloudsentinel_model::azure::network::{ApplicationGateway, FlowLog, Network, SecurityRule};
use cloudsentinel_model::{Meta, Value};

pub(super) fn adapt(cx: &Cx<'_>, out: &mut Network) {
    for &res in cx.resources("azurerm_network_security_group") {
        let node = Node::resource(res);
        let rules = node.children("security_rule");
        for r in &rules.nodes {
            out.security_rules.push(rule(resource_meta(res), r));
        }
        if rules.incomplete {
            cx.notice(
                node.loc(),
                format!(
                    "{}: its security rules could not all be evaluated; those are not checked",
                    res.full_address()
                ),
            );
        }
    }
    for &res in cx.resources("azurerm_network_security_rule") {
        out.security_rules
            .push(rule(resource_meta(res), &Node::resource(res)));
    }
    for &res in cx.resources("azurerm_network_watcher_flow_log") {
        let node = Node::resource(res);
        // `retention_policy` is required; both settings inside it too.
        out.flow_logs.push(FlowLog {
            resource: resource_meta(res),
            retention_enabled: in_block(&node, "retention_policy", false, |p| {
                p.bool("enabled", None)
            }),
            retention_days: in_block(&node, "retention_policy", 0, |p| p.int("days", None)),
        });
    }
    for &res in cx.resources("azurerm_application_gateway") {
        let node = Node::resource(res);
        let policy = node.field("firewall_policy_id").is_some();
        let tier = in_block(&node, "sku", String::new(), |s| s.string("tier", None));
        let waf_tier = tier
            .clone()
            .map(|t| t.to_ascii_uppercase().starts_with("WAF"));
        let waf = if policy {
            Value::explicit(true, src(node.loc()))
        } else if waf_tier.is_true() {
            // A WAF SKU inspects only when its configuration enables the firewall.
            in_block(&node, "waf_configuration", false, |w| {
                w.bool("enabled", None)
            })
        } else {
            waf_tier
        };
        out.application_gateways.push(ApplicationGateway {
            resource: resource_meta(res),
            waf,
        });
    }
}

/// One rule, from an inline block or a rule resource (the same attributes).
fn rule(resource: cloudsentinel_model::ResourceMeta, r: &Node<'_>) -> SecurityRule {
    let list = |one: &str, many: &str| {
        let mut out: Vec<Value<String>> = Vec::new();
        if r.has(one) {
            out.push(r.string(one, None));
        }
        out.extend(r.strings(many).unwrap_or_default());
        out
    };
    SecurityRule {
        resource,
        meta: Meta::explicit(src(r.loc())),
        name: r.string("name", None),
        direction: r.string("direction", None),
        access: r.string("access", None),
        protocol: r.string("protocol", None),
        source_prefixes: list("source_address_prefix", "source_address_prefixes"),
        destination_ports: list("destination_port_range", "destination_port_ranges"),
    }
}
