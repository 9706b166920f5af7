//! `AWS::ElastiCache::ReplicationGroup`.

use crate::adapt::{non_empty_list, src};
use crate::cloudformation::adapt::{Cx, Obj, Reader, resource_meta};
use cloudsentinel_model::Value;
use cloudsentinel_model::aws::elasticache::{
    DEFAULT_SNAPSHOT_RETENTION_LIMIT, ElastiCache, ReplicationGroup,
};

pub(super) fn adapt(cx: &Cx<'_>, out: &mut ElastiCache) {
    for res in cx.resources("AWS::ElastiCache::ReplicationGroup") {
        let node = Obj::resource(res);
        // Both default to false for Redis OSS; Valkey's are not documented the same way, so
        // they are Unknown there.
        let valkey = node
            .string("Engine", Some("redis"))
            .as_str()
            .map(|e| e.eq_ignore_ascii_case("valkey"));
        let read = |name: &str| match (node.field(name), valkey) {
            (Some(_), _) => node.bool(name, None),
            (None, Some(false)) => node.bool(name, Some(false)),
            (None, _) => Value::unknown(src(node.loc())),
        };
        let token = node.string("AuthToken", Some("")).map(|t| !t.is_empty());
        let groups = non_empty_list(node.field("UserGroupIds"), node.loc());
        out.replication_groups.push(ReplicationGroup {
            resource: resource_meta(res),
            at_rest_encryption: read("AtRestEncryptionEnabled"),
            transit_encryption: read("TransitEncryptionEnabled"),
            authentication: either(token, groups),
            snapshot_retention_days: node.int(
                "SnapshotRetentionLimit",
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
