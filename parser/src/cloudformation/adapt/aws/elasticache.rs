//! `AWS::ElastiCache::ReplicationGroup`.

use crate::adapt::src;
use crate::cloudformation::adapt::{Cx, Obj, Reader, resource_meta};
use cloudsentinel_model::Value;
use cloudsentinel_model::aws::elasticache::{ElastiCache, ReplicationGroup};

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
        out.replication_groups.push(ReplicationGroup {
            resource: resource_meta(res),
            at_rest_encryption: read("AtRestEncryptionEnabled"),
            transit_encryption: read("TransitEncryptionEnabled"),
        });
    }
}
