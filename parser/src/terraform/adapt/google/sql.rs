//! `google_sql_database_instance`.

use crate::terraform::adapt::{Cx, Node, Reader, resource_meta, src};
use crate::terraform::ir::TfResource;
use cloudsentinel_model::google::sql::{
    DEFAULT_BACKUP_ENABLED, DEFAULT_IPV4_ENABLED, DEFAULT_REQUIRE_SSL, DatabaseFlag,
    DatabaseInstance, Sql,
};
use cloudsentinel_model::{Location, Meta, Value};

pub(super) fn adapt(cx: &Cx<'_>, out: &mut Sql) {
    for res in cx.resources("google_sql_database_instance") {
        out.instances.push(instance(res));
    }
}

/// A nested block's setting: read from the block, the default at `at` when the block is
/// absent, Unknown when blocks could not be expanded.
fn nested<T>(
    block: Option<&Node<'_>>,
    incomplete: bool,
    at: Location,
    default: T,
    read: impl FnOnce(&Node<'_>) -> Value<T>,
) -> Value<T> {
    match block {
        Some(b) => read(b),
        None if incomplete => Value::unknown(src(at)),
        None => Value::default_at(default, src(at)),
    }
}

fn instance(res: &TfResource) -> DatabaseInstance {
    let node = Node::resource(res);
    let at = node.loc();
    let settings = node.children("settings");
    let settings_node = settings.nodes.first();
    let ip = settings_node.map(|s| s.children("ip_configuration"));
    let ip_node = ip.as_ref().and_then(|c| c.nodes.first());
    let ip_incomplete = settings.incomplete || ip.as_ref().is_some_and(|c| c.incomplete);
    let ip_at = settings_node.map_or(at, Node::loc);

    let mut authorized_networks = Vec::new();
    if let Some(ip) = ip_node {
        let nets = ip.children("authorized_networks");
        for n in &nets.nodes {
            authorized_networks.push(n.string("value", None));
        }
        if nets.incomplete {
            authorized_networks.push(Value::unknown(src(ip.loc())));
        }
    } else if ip_incomplete {
        authorized_networks.push(Value::unknown(src(ip_at)));
    }

    let backup = settings_node.map(|s| s.children("backup_configuration"));
    let backup_incomplete = settings.incomplete || backup.as_ref().is_some_and(|c| c.incomplete);
    let backup_at = settings_node.map_or(at, Node::loc);

    let (database_flags, database_flags_incomplete) = match settings_node {
        Some(s) => {
            let flags = s.children("database_flags");
            (
                flags
                    .nodes
                    .iter()
                    .map(|f| DatabaseFlag {
                        meta: Meta::explicit(src(f.loc())),
                        name: f.string("name", None),
                        value: f.string("value", None),
                    })
                    .collect(),
                flags.incomplete,
            )
        }
        None => (Vec::new(), settings.incomplete),
    };

    DatabaseInstance {
        resource: resource_meta(res),
        database_version: node.string("database_version", None),
        is_replica: match node.field("master_instance_name") {
            Some(f) => Value::explicit(true, f.origin()),
            None => Value::default_at(false, src(at)),
        },
        ipv4_enabled: nested(ip_node, ip_incomplete, ip_at, DEFAULT_IPV4_ENABLED, |n| {
            n.bool("ipv4_enabled", Some(DEFAULT_IPV4_ENABLED))
        }),
        authorized_networks,
        require_ssl: nested(ip_node, ip_incomplete, ip_at, DEFAULT_REQUIRE_SSL, |n| {
            n.bool("require_ssl", Some(DEFAULT_REQUIRE_SSL))
        }),
        ssl_mode: nested(ip_node, ip_incomplete, ip_at, None, |n| {
            match n.field("ssl_mode") {
                Some(f) => match f.value.to_string_lossy() {
                    Some(s) => Value::explicit(Some(s), f.origin()),
                    None => Value::unknown(f.origin()),
                },
                None => Value::default_at(None, src(n.loc())),
            }
        }),
        backup_enabled: nested(
            backup.as_ref().and_then(|c| c.nodes.first()),
            backup_incomplete,
            backup_at,
            DEFAULT_BACKUP_ENABLED,
            |n| n.bool("enabled", Some(DEFAULT_BACKUP_ENABLED)),
        ),
        database_flags,
        database_flags_incomplete,
        kms_key_name: node.string("encryption_key_name", Some("")),
    }
}
