//! PostgreSQL and MySQL servers: `azurerm_postgresql_server`, `azurerm_mysql_server` (single
//! server), `azurerm_postgresql_flexible_server` and `azurerm_mysql_flexible_server` with
//! their `require_secure_transport` server parameter.

use crate::terraform::adapt::{Cx, Node, Reader, join_children, merged, resource_meta, src};
use cloudsentinel_model::Value;
use cloudsentinel_model::azure::database::{Databases, DbServer};

pub(super) fn adapt(cx: &Cx<'_>, out: &mut Databases) {
    for (rtype, engine) in [
        ("azurerm_postgresql_server", "PostgreSQL"),
        ("azurerm_mysql_server", "MySQL"),
    ] {
        for &res in cx.resources(rtype) {
            let node = Node::resource(res);
            // `ssl_enforcement_enabled` is required (provider 3.x; `ssl_enforcement` =
            // "Enabled" in 2.x); public network access defaults to on.
            let ssl_enforced = if node.has("ssl_enforcement") {
                node.string("ssl_enforcement", None)
                    .map(|s| s.eq_ignore_ascii_case("Enabled"))
            } else {
                node.bool("ssl_enforcement_enabled", None)
            };
            out.servers.push(DbServer {
                resource: resource_meta(res),
                engine,
                ssl_enforced,
                public_network_access: node.bool("public_network_access_enabled", Some(true)),
                geo_redundant_backup: node.bool("geo_redundant_backup_enabled", Some(false)),
                // The provider's default: TLS 1.2.
                min_tls_version: node.string("ssl_minimal_tls_version_enforced", Some("TLS1_2")),
            });
        }
    }
    for (rtype, config, engine) in [
        (
            "azurerm_postgresql_flexible_server",
            "azurerm_postgresql_flexible_server_configuration",
            "PostgreSQL",
        ),
        (
            "azurerm_mysql_flexible_server",
            "azurerm_mysql_flexible_server_configuration",
            "MySQL",
        ),
    ] {
        let servers = cx.resources(rtype);
        let first = out.servers.len();
        for &res in servers {
            let node = Node::resource(res);
            // A server in a delegated subnet has no public endpoint; otherwise the
            // provider's default for `public_network_access_enabled` is true.
            let public_network_access = match node.field("delegated_subnet_id") {
                Some(f) => Value::explicit(false, f.origin()),
                None => node.bool("public_network_access_enabled", Some(true)),
            };
            out.servers.push(DbServer {
                resource: resource_meta(res),
                engine,
                // Flexible servers require secure transport by default
                // (`require_secure_transport` = ON) until a server parameter turns it off.
                ssl_enforced: Value::default_at(true, src(node.loc())),
                public_network_access,
                geo_redundant_backup: node.bool("geo_redundant_backup_enabled", Some(false)),
                // A server parameter (`ssl_min_protocol_version`, `tls_version`) sets it;
                // not read yet.
                min_tls_version: Value::unknown(src(node.loc())),
            });
        }
        join_children(
            cx,
            servers,
            &["id"],
            &[(config, ())],
            "server_id",
            "database server",
            |i, (), param, known| {
                let node = Node::resource(param);
                let name = node.string("name", None);
                let server = &mut out.servers[first + i];
                match name.as_str() {
                    Some(n) if n.eq_ignore_ascii_case("require_secure_transport") => {
                        let value = node.string("value", None);
                        server.ssl_enforced = if known {
                            value.map(|v| !v.eq_ignore_ascii_case("off"))
                        } else {
                            Value::unknown(src(param.body.loc))
                        };
                        merged(&mut server.resource, param, known);
                    }
                    Some(_) => {}
                    None => server.ssl_enforced = Value::unknown(src(param.body.loc)),
                }
            },
        );
    }
}
