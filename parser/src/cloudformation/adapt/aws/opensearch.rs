//! `AWS::OpenSearchService::Domain` and `AWS::Elasticsearch::Domain`.

use crate::adapt::src;
use crate::cloudformation::adapt::{Cx, Obj, Reader, resource_meta};
use cloudsentinel_model::Value;
use cloudsentinel_model::aws::opensearch::{Domain, OpenSearch};

pub(super) fn adapt(cx: &Cx<'_>, out: &mut OpenSearch) {
    for rtype in [
        "AWS::OpenSearchService::Domain",
        "AWS::Elasticsearch::Domain",
    ] {
        for res in cx.resources(rtype) {
            let node = Obj::resource(res);
            // Both options default to disabled.
            let option = |name: &str| match (node.child(name), node.has(name)) {
                (Some(o), _) => o.bool("Enabled", Some(false)),
                (None, true) => Value::unknown(src(node.loc())),
                (None, false) => Value::default_at(false, src(node.loc())),
            };
            out.domains.push(Domain {
                resource: resource_meta(res),
                encrypt_at_rest: option("EncryptionAtRestOptions"),
                node_to_node: option("NodeToNodeEncryptionOptions"),
            });
        }
    }
}
