//! `aws_opensearch_domain` and `aws_elasticsearch_domain`, with the
//! `aws_opensearch_domain_policy` and `aws_elasticsearch_domain_policy` resources joined
//! through `domain_name`.

use super::iam_policy::PolicyDocs;
use crate::terraform::adapt::{Cx, Node, Reader, join_children, merged, resource_meta, src};
use crate::terraform::ir::TfResource;
use cloudsentinel_model::Value;
use cloudsentinel_model::aws::opensearch::{Domain, OpenSearch};

pub(super) fn adapt(cx: &Cx<'_>, docs: &PolicyDocs<'_>, out: &mut OpenSearch) {
    let parents: Vec<&TfResource> = ["aws_opensearch_domain", "aws_elasticsearch_domain"]
        .iter()
        .flat_map(|t| cx.resources(t).iter().copied())
        .collect();
    let mut domains: Vec<Domain> = parents.iter().map(|res| domain(res, docs)).collect();
    join_children(
        cx,
        &parents,
        &["domain_name"],
        &[
            ("aws_opensearch_domain_policy", ()),
            ("aws_elasticsearch_domain_policy", ()),
        ],
        "domain_name",
        "domain",
        |i, (), res, known| {
            if let Some(d) = domains.get_mut(i) {
                d.policies.push(if known {
                    docs.read_attr(&Node::resource(res), "access_policies")
                } else {
                    Value::unknown(src(res.body.loc))
                });
                merged(&mut d.resource, res, known);
            }
        },
    );
    out.domains.extend(domains);
}

fn domain(res: &TfResource, docs: &PolicyDocs<'_>) -> Domain {
    let node = Node::resource(res);
    // "If the block is not provided then this defaults to false" (both encryption blocks
    // and `advanced_security_options`).
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
    // Without `domain_endpoint_options` the provider leaves the settings to AWS (computed):
    // Unknown. Inside the block, `enforce_https` defaults to true; `tls_security_policy`
    // stays computed.
    let endpoint = node.children("domain_endpoint_options");
    let (enforce_https, tls_security_policy) = match endpoint.nodes.first() {
        Some(e) => (
            e.bool("enforce_https", Some(true)),
            e.string("tls_security_policy", None),
        ),
        None => (
            Value::unknown(src(node.loc())),
            Value::unknown(src(node.loc())),
        ),
    };
    Domain {
        resource: resource_meta(res),
        encrypt_at_rest: block("encrypt_at_rest"),
        node_to_node: block("node_to_node_encryption"),
        in_vpc,
        enforce_https,
        tls_security_policy,
        fine_grained_access: block("advanced_security_options"),
        audit_logs: audit_logs(&node),
        policies: node
            .field("access_policies")
            .map(|f| docs.read(f))
            .into_iter()
            .collect(),
    }
}

/// A `log_publishing_options` block with `log_type = "AUDIT_LOGS"` whose `enabled` (default
/// true) holds; false at the resource when there is none.
fn audit_logs(node: &Node<'_>) -> Value<bool> {
    let blocks = node.children("log_publishing_options");
    let mut undecided = blocks.incomplete;
    let mut disabled = None;
    for b in &blocks.nodes {
        let log_type = b.string("log_type", None);
        if log_type.known().is_none() {
            undecided = true;
            continue;
        }
        if !log_type.is(|t| t == "AUDIT_LOGS") {
            continue;
        }
        let enabled = b.bool("enabled", Some(true));
        if enabled.is_true() {
            return Value::explicit(true, src(b.loc()));
        }
        if enabled.known().is_none() {
            undecided = true;
        } else {
            disabled = Some(enabled);
        }
    }
    match (undecided, disabled) {
        (true, _) => Value::unknown(src(node.loc())),
        (false, Some(d)) => d,
        (false, None) => Value::default_at(false, src(node.loc())),
    }
}
