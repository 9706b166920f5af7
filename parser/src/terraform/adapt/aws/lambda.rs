//! `aws_lambda_permission`, `aws_lambda_function` and `aws_lambda_function_url`.

use crate::terraform::adapt::src;
use crate::terraform::adapt::{Cx, Field, Node, Reader, resource_meta};
use cloudsentinel_model::Location;
use cloudsentinel_model::Value;
use cloudsentinel_model::aws::lambda::{Function, FunctionUrl, Lambda, Permission};

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
            has_environment_variables: has_variables(&node),
            kms_key_set: key_set(node.field("kms_key_arn"), node.loc()),
        });
    }
    for res in cx.resources("aws_lambda_function_url") {
        let node = Node::resource(res);
        out.function_urls.push(FunctionUrl {
            resource: resource_meta(res),
            auth_type: node.string("authorization_type", None),
        });
    }
}

/// Whether a key attribute names a key: absent or empty is `false`, any other value (even
/// one computed at apply) `true`.
fn key_set(field: Option<Field<'_>>, block: Location) -> Value<bool> {
    match field {
        None => Value::default_at(false, src(block)),
        Some(f) => Value::explicit(f.value.as_str() != Some(""), f.origin()),
    }
}

/// Whether `environment { variables = { … } }` holds at least one variable.
fn has_variables(node: &Node<'_>) -> Value<bool> {
    let env = node.children("environment");
    let Some(e) = env.nodes.first() else {
        return if env.incomplete {
            Value::unknown(src(node.loc()))
        } else {
            Value::default_at(false, src(node.loc()))
        };
    };
    match e.field("variables") {
        None => Value::default_at(false, src(e.loc())),
        Some(f) => match f.value.as_map() {
            Some(m) => Value::explicit(!m.is_empty(), f.origin()),
            None => Value::unknown(f.origin()),
        },
    }
}
