//! PostgreSQL and MySQL: single servers (`Microsoft.DBforPostgreSQL/servers`,
//! `Microsoft.DBforMySQL/servers`) and flexible servers with their `configurations`.

use super::{Cx, Nested, known_name, props, resource_meta};
use crate::adapt::{Reader, src};
use cloudsentinel_model::Value;
use cloudsentinel_model::azure::database::{Databases, DbServer};

pub(super) fn adapt(cx: &Cx<'_>, out: &mut Databases) {
    for (rtype, engine) in [
        ("Microsoft.DBforPostgreSQL/servers", "PostgreSQL"),
        ("Microsoft.DBforMySQL/servers", "MySQL"),
    ] {
        for &r in cx.resources(rtype) {
            let p = props(r);
            // Single servers: `sslEnforcement` Enabled, `publicNetworkAccess` Enabled and
            // geo-redundant backup Disabled unless set; `minimalTlsVersion` TLS1_2.
            out.servers.push(DbServer {
                resource: resource_meta(r),
                engine,
                ssl_enforced: p.enabled("sslEnforcement", Some(true)),
                public_network_access: p.enabled("publicNetworkAccess", Some(true)),
                geo_redundant_backup: p.nested("storageProfile", false, |s| {
                    s.enabled("geoRedundantBackup", Some(false))
                }),
                min_tls_version: p.string("minimalTlsVersion", Some("TLS1_2")),
            });
        }
    }
    for (rtype, config, engine) in [
        (
            "Microsoft.DBforPostgreSQL/flexibleServers",
            "Microsoft.DBforPostgreSQL/flexibleServers/configurations",
            "PostgreSQL",
        ),
        (
            "Microsoft.DBforMySQL/flexibleServers",
            "Microsoft.DBforMySQL/flexibleServers/configurations",
            "MySQL",
        ),
    ] {
        for &r in cx.resources(rtype) {
            let p = props(r);
            // A server in a delegated subnet has no public endpoint; otherwise
            // `network.publicNetworkAccess` defaults to Enabled.
            let public_network_access = match p.obj("network") {
                Nested::Present(n) if n.has("delegatedSubnetResourceId") => {
                    Value::explicit(false, src(n.loc))
                }
                Nested::Present(n) => n.enabled("publicNetworkAccess", Some(true)),
                Nested::Unknown(at) => Value::unknown(src(at)),
                Nested::Absent => Value::default_at(true, src(p.loc)),
            };
            // `require_secure_transport` is on unless a configuration turns it off.
            let mut ssl_enforced = Value::default_at(true, src(r.location));
            for c in cx.children_of(r, config) {
                let param = known_name(c).and_then(|n| n.rsplit('/').next());
                if param.is_some_and(|n| n.eq_ignore_ascii_case("require_secure_transport")) {
                    ssl_enforced = props(c)
                        .string("value", None)
                        .map(|v| !v.eq_ignore_ascii_case("off"));
                }
            }
            if cx.has_unknown_named(config) && ssl_enforced.is_default() {
                ssl_enforced = Value::unknown(src(r.location));
            }
            out.servers.push(DbServer {
                resource: resource_meta(r),
                engine,
                ssl_enforced,
                public_network_access,
                geo_redundant_backup: p.nested("backup", false, |b| {
                    b.enabled("geoRedundantBackup", Some(false))
                }),
                // A server parameter sets it; not read yet.
                min_tls_version: Value::unknown(src(r.location)),
            });
        }
    }
}
