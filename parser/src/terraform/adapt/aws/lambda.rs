//! `aws_lambda_permission` and `aws_lambda_function`.

use crate::terraform::adapt::src;
use crate::terraform::adapt::{Cx, Node, Reader, resource_meta};
use cloudsentinel_model::Value;
use cloudsentinel_model::aws::lambda::{Function, Lambda, Permission};

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
    for res in cx.resources("aws_lambda_function") {
        let node = Node::resource(res);
        // A container image function has no runtime; tracing defaults to PassThrough.
        let runtime = match node.field("runtime") {
            Some(_) => node.string("runtime", None).map(Some),
            None => Value::default_at(None, src(node.loc())),
        };
        let tracing = node.children("tracing_config");
        let tracing_mode = match tracing.nodes.first() {
            Some(t) => t.string("mode", Some("PassThrough")),
            None if tracing.incomplete => Value::unknown(src(node.loc())),
            None => Value::default_at("PassThrough".to_string(), src(node.loc())),
        };
        out.functions.push(Function {
            resource: resource_meta(res),
            runtime,
            tracing_mode,
        });
    }
}
