//! `aws_elasticache_replication_group`.

use crate::adapt::non_empty_list;
use crate::terraform::adapt::{Cx, Node, Reader, resource_meta, src};
use cloudsentinel_model::Value;
use cloudsentinel_model::aws::elasticache::{
    DEFAULT_SNAPSHOT_RETENTION_LIMIT, ElastiCache, ReplicationGroup,
};

pub(super) fn adapt(cx: &Cx<'_>, out: &mut ElastiCache) {
    for res in cx.resources("aws_elasticache_replication_group") {
        let node = Node::resource(res);
        // The provider's defaults: both off for Redis OSS; for Valkey, at-rest encryption is
        // on and in-transit is not documented, so Unknown.
        let valkey = node
            .string("engine", Some("redis"))
            .as_str()
            .map(|e| e.eq_ignore_ascii_case("valkey"));
        let read = |name: &str, valkey_default: Option<bool>| {
            let default = match valkey {
                Some(true) => valkey_default,
                Some(false) => Some(false),
                None => None,
            };
            match (node.field(name), default) {
                (Some(_), _) => node.bool(name, None),
                (None, Some(d)) => Value::default_at(d, src(node.loc())),
                (None, None) => Value::unknown(src(node.loc())),
            }
        };
        let token = node.string("auth_token", Some("")).map(|t| !t.is_empty());
        let groups = non_empty_list(node.field("user_group_ids"), node.loc());
        out.replication_groups.push(ReplicationGroup {
            resource: resource_meta(res),
            at_rest_encryption: read("at_rest_encryption_enabled", Some(true)),
            transit_encryption: read("transit_encryption_enabled", None),
            authentication: either(token, groups),
            snapshot_retention_days: node.int(
                "snapshot_retention_limit",
                Some(DEFAULT_SNAPSHOT_RETENTION_LIMIT),
            ),
        });
    }
}

/// True when either is; Unknown when neither is true and one is Unknown; else `a`.
fn either(a: Value<bool>, b: Value<bool>) -> Value<bool> {
    if a.is_true() || (!b.is_true() && a.is_unknown()) {
        a
    } else if b.is_true() || b.is_unknown() {
        b
    } else {
        a
    }
}
