//! `aws_cloudfront_distribution`.

use crate::terraform::adapt::{Cx, Node, Reader, resource_meta, src};
use cloudsentinel_model::Value;
use cloudsentinel_model::aws::cloudfront::{CloudFront, Distribution};

pub(super) fn adapt(cx: &Cx<'_>, out: &mut CloudFront) {
    for res in cx.resources("aws_cloudfront_distribution") {
        let node = Node::resource(res);
        let mut viewer_protocol_policies = Vec::new();
        for block in ["default_cache_behavior", "ordered_cache_behavior"] {
            let behaviors = node.children(block);
            for b in &behaviors.nodes {
                viewer_protocol_policies.push(b.string("viewer_protocol_policy", None));
            }
            if behaviors.incomplete {
                viewer_protocol_policies.push(Value::unknown(src(node.loc())));
            }
        }
        let web_acl = match node.field("web_acl_id") {
            Some(_) => node.string("web_acl_id", None).map(|id| !id.is_empty()),
            None => Value::default_at(false, src(node.loc())),
        };
        let logs = node.children("logging_config");
        let logging = if logs.incomplete {
            Value::unknown(src(node.loc()))
        } else {
            match logs.nodes.first() {
                Some(l) => Value::explicit(true, src(l.loc())),
                None => Value::default_at(false, src(node.loc())),
            }
        };
        out.distributions.push(Distribution {
            resource: resource_meta(res),
            viewer_protocol_policies,
            web_acl,
            logging,
        });
    }
}
