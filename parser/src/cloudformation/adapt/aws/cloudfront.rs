//! `AWS::CloudFront::Distribution`.

use crate::adapt::src;
use crate::cloudformation::adapt::{Cx, Obj, Reader, resource_meta};
use cloudsentinel_model::Value;
use cloudsentinel_model::aws::cloudfront::{CloudFront, Distribution};

pub(super) fn adapt(cx: &Cx<'_>, out: &mut CloudFront) {
    for res in cx.resources("AWS::CloudFront::Distribution") {
        let node = Obj::resource(res);
        let unknown = || Value::unknown(src(node.loc()));
        let Some(config) = node.child("DistributionConfig") else {
            continue;
        };
        if config.value.is_unknown() {
            out.distributions.push(Distribution {
                resource: resource_meta(res),
                viewer_protocol_policies: vec![unknown()],
                web_acl: Value::unknown(src(node.loc())),
                logging: Value::unknown(src(node.loc())),
            });
            continue;
        }
        let mut viewer_protocol_policies = Vec::new();
        for key in ["DefaultCacheBehavior", "CacheBehaviors"] {
            let behaviors = config.children(key);
            for b in &behaviors.nodes {
                viewer_protocol_policies.push(b.string("ViewerProtocolPolicy", None));
            }
            if behaviors.incomplete {
                viewer_protocol_policies.push(unknown());
            }
        }
        let web_acl = match config.field("WebACLId") {
            Some(_) => config.string("WebACLId", None).map(|id| !id.is_empty()),
            None => Value::default_at(false, src(config.loc())),
        };
        let logging = match config.child("Logging") {
            Some(l) if l.value.is_unknown() => Value::unknown(src(l.loc())),
            Some(l) => Value::explicit(true, src(l.loc())),
            None => Value::default_at(false, src(config.loc())),
        };
        out.distributions.push(Distribution {
            resource: resource_meta(res),
            viewer_protocol_policies,
            web_acl,
            logging,
        });
    }
}
