//! `aws_opensearch_domain` and `aws_elasticsearch_domain`.

use crate::terraform::adapt::{Cx, Node, Reader, resource_meta, src};
use cloudsentinel_model::Value;
use cloudsentinel_model::aws::opensearch::{Domain, OpenSearch};

pub(super) fn adapt(cx: &Cx<'_>, out: &mut OpenSearch) {
    for rtype in ["aws_opensearch_domain", "aws_elasticsearch_domain"] {
        for res in cx.resources(rtype) {
            let node = Node::resource(res);
            // "If the block is not provided then this defaults to false" (both blocks).
            let block = |name: &str| {
                let c = node.children(name);
                match c.nodes.first() {
                    Some(b) => b.bool("enabled", None),
                    None if c.incomplete => Value::unknown(src(node.loc())),
                    None => Value::default_at(false, src(node.loc())),
                }
            };
            let vpc = node.children("vpc_options");
            let in_vpc = match vpc.nodes.first() {
                Some(v) => Value::explicit(true, src(v.loc())),
                None if vpc.incomplete => Value::unknown(src(node.loc())),
                None => Value::default_at(false, src(node.loc())),
            };
            // Without `domain_endpoint_options` the provider leaves the setting to AWS
            // (computed): Unknown. Inside the block, `enforce_https` defaults to true.
            let endpoint = node.children("domain_endpoint_options");
            let enforce_https = match endpoint.nodes.first() {
                Some(e) => e.bool("enforce_https", Some(true)),
                None => Value::unknown(src(node.loc())),
            };
            out.domains.push(Domain {
                resource: resource_meta(res),
                encrypt_at_rest: block("encrypt_at_rest"),
                node_to_node: block("node_to_node_encryption"),
                in_vpc,
                enforce_https,
            });
        }
    }
}
