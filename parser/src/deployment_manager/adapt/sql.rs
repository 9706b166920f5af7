//! `sqladmin.v1beta4.instance`.

use super::{Cx, DmResource, Nested, Obj, resource_meta};
use crate::adapt::{Reader, src};
use cloudsentinel_model::google::sql::{
    DEFAULT_BACKUP_ENABLED, DEFAULT_IPV4_ENABLED, DEFAULT_REQUIRE_SSL, DatabaseFlag,
    DatabaseInstance, Sql,
};
use cloudsentinel_model::{Location, Meta, Value};

const INSTANCE: [&str; 3] = [
    "sqladmin.v1beta4.instance",
    "gcp-types/sqladmin-v1beta4:instances",
    "gcp-types/sqladmin-v1:instances",
];

pub(super) fn adapt(cx: &Cx<'_>, out: &mut Sql) {
    for res in cx.resources(&INSTANCE) {
        out.instances.push(instance(res));
    }
}

/// A setting of a nested object: read from it, the default at `at` when it is absent,
/// Unknown when it cannot be evaluated.
fn nested<T>(
    block: &Nested<'_>,
    at: Location,
    default: T,
    read: impl FnOnce(&Obj<'_>) -> Value<T>,
) -> Value<T> {
    match block {
        Nested::Present(b) => read(b),
        Nested::Unknown(l) => Value::unknown(src(*l)),
        Nested::Absent => Value::default_at(default, src(at)),
    }
}

fn instance(res: &DmResource) -> DatabaseInstance {
    let node = Obj::resource(res);
    let at = node.loc;
    let settings = node.obj("settings");
    let (ip, backup, settings_at) = match &settings {
        Nested::Present(s) => (
            s.obj("ipConfiguration"),
            s.obj("backupConfiguration"),
            s.loc,
        ),
        Nested::Unknown(l) => (Nested::Unknown(*l), Nested::Unknown(*l), *l),
        Nested::Absent => (Nested::Absent, Nested::Absent, at),
    };
    let mut authorized_networks = Vec::new();
    match &ip {
        Nested::Present(i) => {
            let nets = i.list("authorizedNetworks");
            for n in &nets.nodes {
                authorized_networks.push(n.string("value", None));
            }
            if nets.incomplete {
                authorized_networks.push(Value::unknown(src(i.loc)));
            }
        }
        Nested::Unknown(l) => authorized_networks.push(Value::unknown(src(*l))),
        Nested::Absent => {}
    }
    let (database_flags, database_flags_incomplete) = match &settings {
        Nested::Present(s) => {
            let flags = s.list("databaseFlags");
            (
                flags
                    .nodes
                    .iter()
                    .map(|f| DatabaseFlag {
                        meta: Meta::explicit(src(f.loc)),
                        name: f.string("name", None),
                        value: f.string("value", None),
                    })
                    .collect(),
                flags.incomplete,
            )
        }
        Nested::Unknown(_) => (Vec::new(), true),
        Nested::Absent => (Vec::new(), false),
    };
    DatabaseInstance {
        resource: resource_meta(res),
        database_version: node.string("databaseVersion", None),
        is_replica: match node.field("masterInstanceName") {
            Some(f) => Value::explicit(true, f.origin()),
            None => Value::default_at(false, src(at)),
        },
        ipv4_enabled: nested(&ip, settings_at, DEFAULT_IPV4_ENABLED, |n| {
            n.bool("ipv4Enabled", Some(DEFAULT_IPV4_ENABLED))
        }),
        authorized_networks,
        require_ssl: nested(&ip, settings_at, DEFAULT_REQUIRE_SSL, |n| {
            n.bool("requireSsl", Some(DEFAULT_REQUIRE_SSL))
        }),
        ssl_mode: nested(&ip, settings_at, None, |n| match n.field("sslMode") {
            Some(f) => match f.value.to_string_lossy() {
                Some(s) => Value::explicit(Some(s), f.origin()),
                None => Value::unknown(f.origin()),
            },
            None => Value::default_at(None, src(n.loc)),
        }),
        backup_enabled: nested(&backup, settings_at, DEFAULT_BACKUP_ENABLED, |n| {
            n.bool("enabled", Some(DEFAULT_BACKUP_ENABLED))
        }),
        database_flags,
        database_flags_incomplete,
        kms_key_name: match node.obj("diskEncryptionConfiguration") {
            Nested::Present(e) => e.string("kmsKeyName", Some("")),
            Nested::Unknown(l) => Value::unknown(src(l)),
            Nested::Absent => Value::default_at(String::new(), src(at)),
        },
    }
}
