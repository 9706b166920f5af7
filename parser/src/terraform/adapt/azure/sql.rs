//! `azurerm_mssql_server` (and the older `azurerm_sql_server`), their firewall rules and
//! extended auditing policies.

use crate::terraform::adapt::{Cx, Node, Reader, join_children, merged, resource_meta, src};
use cloudsentinel_model::Value;
use cloudsentinel_model::azure::sql::{FirewallRule, Sql, SqlServer};

pub(super) fn adapt(cx: &Cx<'_>, out: &mut Sql) {
    let mut servers = Vec::new();
    for rtype in ["azurerm_mssql_server", "azurerm_sql_server"] {
        for &res in cx.resources(rtype) {
            let node = Node::resource(res);
            // Provider defaults: public network access on, minimum TLS 1.2 (`azurerm_sql_server`
            // has no such setting: Azure's default for it, which allows every version, is not
            // documented as a value, so Unknown). An inline `extended_auditing_policy` block
            // (provider 2.x) audits; without it, auditing is off until a policy resource says.
            let min_tls_version = if rtype == "azurerm_mssql_server" {
                node.string("minimum_tls_version", Some("1.2"))
            } else {
                Value::unknown(src(node.loc()))
            };
            let inline = node.children("extended_auditing_policy");
            let auditing_enabled = match inline.nodes.first() {
                Some(_) => Value::explicit(true, src(inline.nodes[0].loc())),
                None if inline.incomplete => Value::unknown(src(node.loc())),
                None => Value::default_at(false, src(node.loc())),
            };
            // An Entra ID administrator: the `azuread_administrator` block, or (older
            // configurations) an `azurerm_sql_active_directory_administrator` resource,
            // which is not joined: its presence makes a server without the block Unknown.
            let entra_admin = if node.has("azuread_administrator")
                || !node.children("azuread_administrator").nodes.is_empty()
            {
                Value::explicit(true, src(node.loc()))
            } else if !cx
                .resources("azurerm_sql_active_directory_administrator")
                .is_empty()
            {
                Value::unknown(src(node.loc()))
            } else {
                Value::default_at(false, src(node.loc()))
            };
            let audit_retention_days = match inline.nodes.first() {
                Some(p) => p.int("retention_in_days", Some(0)),
                None => Value::unknown(src(node.loc())),
            };
            out.servers.push(SqlServer {
                resource: resource_meta(res),
                public_network_access: node.bool("public_network_access_enabled", Some(true)),
                min_tls_version,
                auditing_enabled,
                audit_retention_days,
                entra_admin,
            });
            servers.push(res);
        }
    }
    join_children(
        cx,
        &servers,
        &["id"],
        &[("azurerm_mssql_server_extended_auditing_policy", ())],
        "server_id",
        "SQL server",
        |i, (), policy, known| {
            let server = &mut out.servers[i];
            // The policy resource's `enabled` defaults to true, `retention_in_days` to 0
            // (keep indefinitely).
            let node = Node::resource(policy);
            let enabled = node.bool("enabled", Some(true));
            let retention = node.int("retention_in_days", Some(0));
            (server.auditing_enabled, server.audit_retention_days) = if known {
                (enabled, retention)
            } else {
                (
                    Value::unknown(src(policy.body.loc)),
                    Value::unknown(src(policy.body.loc)),
                )
            };
            merged(&mut server.resource, policy, known);
        },
    );
    for rtype in ["azurerm_mssql_firewall_rule", "azurerm_sql_firewall_rule"] {
        for &res in cx.resources(rtype) {
            let node = Node::resource(res);
            out.firewall_rules.push(FirewallRule {
                resource: resource_meta(res),
                start_ip: node.string("start_ip_address", None),
                end_ip: node.string("end_ip_address", None),
            });
        }
    }
}
