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
            let in_vpc = match (node.child("VPCOptions"), node.has("VPCOptions")) {
                (Some(v), _) if v.value.is_unknown() => Value::unknown(src(v.loc())),
                (Some(v), _) => Value::explicit(true, src(v.loc())),
                (None, true) => Value::unknown(src(node.loc())),
                (None, false) => Value::default_at(false, src(node.loc())),
            };
            // `EnforceHTTPS` defaults to false.
            let enforce_https = match node.child("DomainEndpointOptions") {
                Some(e) => e.bool("EnforceHTTPS", Some(false)),
                None => Value::default_at(false, src(node.loc())),
            };
            out.domains.push(Domain {
                resource: resource_meta(res),
                encrypt_at_rest: option("EncryptionAtRestOptions"),
                node_to_node: option("NodeToNodeEncryptionOptions"),
                in_vpc,
                enforce_https,
            });
        }
    }
}
