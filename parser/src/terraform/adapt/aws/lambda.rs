//! `aws_lambda_permission`.

use crate::terraform::adapt::{Cx, Node, Reader, resource_meta};
use cloudsentinel_model::aws::lambda::{Lambda, Permission};

pub(super) fn adapt(cx: &Cx<'_>, out: &mut Lambda) {
    for res in cx.resources("aws_lambda_permission") {
        let node = Node::resource(res);
        out.permissions.push(Permission {
            resource: resource_meta(res),
            principal: node.string("principal", None),
            source_arn: node.string("source_arn", Some("")),
            source_account: node.string("source_account", Some("")),
            principal_org_id: node.string("principal_org_id", Some("")),
        });
    }
}
