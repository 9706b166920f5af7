//! `aws_acm_certificate`.

use crate::terraform::adapt::{Cx, Node, Reader, resource_meta, src};
use cloudsentinel_model::Value;
use cloudsentinel_model::aws::acm::{Acm, Certificate};

pub(super) fn adapt(cx: &Cx<'_>, out: &mut Acm) {
    for res in cx.resources("aws_acm_certificate") {
        let node = Node::resource(res);
        // An imported certificate has its body and key; a private one names its CA.
        let amazon_issued_public = match [
            "certificate_body",
            "private_key",
            "certificate_authority_arn",
        ]
        .into_iter()
        .find_map(|a| node.field(a))
        {
            Some(f) => Value::explicit(false, f.origin()),
            None => Value::default_at(true, src(node.loc())),
        };
        let options = node.children("options");
        let transparency_logging = match options.nodes.first() {
            Some(o) => o.string(
                "certificate_transparency_logging_preference",
                Some("ENABLED"),
            ),
            None if options.incomplete => Value::unknown(src(node.loc())),
            None => Value::default_at("ENABLED".to_string(), src(node.loc())),
        };
        out.certificates.push(Certificate {
            resource: resource_meta(res),
            amazon_issued_public,
            transparency_logging,
        });
    }
}
