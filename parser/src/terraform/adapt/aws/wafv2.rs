//! `aws_wafv2_web_acl`, with the logging configurations
//! (`aws_wafv2_web_acl_logging_configuration`) joined to it through `resource_arn`.

use crate::terraform::adapt::{Cx, Node, join_children, merged, resource_meta, src};
use crate::terraform::ir::TfResource;
use cloudsentinel_model::Value;
use cloudsentinel_model::aws::wafv2::{Wafv2, WebAcl};

pub(super) fn adapt(cx: &Cx<'_>, out: &mut Wafv2) {
    let acls = cx.resources("aws_wafv2_web_acl");
    let first = out.web_acls.len();
    for res in acls {
        out.web_acls.push(WebAcl {
            resource: resource_meta(res),
            // A web ACL logs nothing until a logging configuration names it.
            logging: Value::default_at(false, src(Node::resource(res).loc())),
        });
    }
    join_children(
        cx,
        acls,
        &[],
        &[("aws_wafv2_web_acl_logging_configuration", ())],
        "resource_arn",
        "web ACL",
        |i, (), child: &TfResource, known| {
            let Some(acl) = out.web_acls.get_mut(first + i) else {
                return;
            };
            if known {
                acl.logging = Value::explicit(true, src(child.body.loc));
            } else if !acl.logging.is_true()
                && child
                    .body
                    .attr("resource_arn")
                    .is_none_or(|a| a.value.source_ref.is_none())
            {
                acl.logging = Value::unknown(src(child.body.loc));
            }
            merged(&mut acl.resource, child, known);
        },
    );
}
