//! `Microsoft.Sql/servers` with their auditing settings, administrators and firewall rules.

use super::{Cx, props, resource_meta};
use crate::adapt::{Reader, src};
use cloudsentinel_model::Value;
use cloudsentinel_model::azure::sql::{FirewallRule, Sql, SqlServer};

pub(super) fn adapt(cx: &Cx<'_>, out: &mut Sql) {
    const AUDITING: [&str; 2] = [
        "Microsoft.Sql/servers/auditingSettings",
        "Microsoft.Sql/servers/extendedAuditingSettings",
    ];
    for &r in cx.resources("Microsoft.Sql/servers") {
        let p = props(r);
        let mut auditing_enabled = Value::default_at(false, src(r.location));
        let mut audit_retention_days = Value::unknown(src(r.location));
        let unknown_children = AUDITING.iter().any(|t| cx.has_unknown_named(t));
        for t in AUDITING {
            for a in cx.children_of(r, t) {
                let ap = props(a);
                let state = ap.enabled("state", None);
                if !auditing_enabled.is_true() {
                    auditing_enabled = state.clone();
                    audit_retention_days = ap.int("retentionDays", Some(0));
                }
            }
        }
        if !auditing_enabled.is_true() && unknown_children {
            auditing_enabled = Value::unknown(src(r.location));
        }
        // An Entra administrator: `properties.administrators` or an `administrators` child.
        let entra_admin = if p.has("administrators")
            || !cx
                .children_of(r, "Microsoft.Sql/servers/administrators")
                .is_empty()
        {
            Value::explicit(true, src(r.location))
        } else if cx.has_unknown_named("Microsoft.Sql/servers/administrators") {
            Value::unknown(src(r.location))
        } else {
            Value::default_at(false, src(r.location))
        };
        out.servers.push(SqlServer {
            resource: resource_meta(r),
            // `publicNetworkAccess` unset leaves the public endpoint on (firewall rules decide).
            public_network_access: p.enabled("publicNetworkAccess", Some(true)),
            // The default minimal TLS version is not documented for every API version.
            min_tls_version: match p.field("minimalTlsVersion") {
                Some(_) => p.string("minimalTlsVersion", None),
                None => Value::unknown(src(r.location)),
            },
            auditing_enabled,
            audit_retention_days,
            entra_admin,
        });
    }
    for &r in cx.resources("Microsoft.Sql/servers/firewallRules") {
        let p = props(r);
        out.firewall_rules.push(FirewallRule {
            resource: resource_meta(r),
            start_ip: p.string("startIpAddress", None),
            end_ip: p.string("endIpAddress", None),
        });
    }
}
