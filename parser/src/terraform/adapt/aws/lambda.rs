//! `aws_lambda_permission`, `aws_lambda_function` (with the
//! `aws_lambda_function_event_invoke_config` joined to it) and `aws_lambda_function_url`.

use crate::terraform::adapt::src;
use crate::terraform::adapt::{Cx, Field, Node, Reader, join_children, merged, resource_meta};
use cloudsentinel_model::Location;
use cloudsentinel_model::Value;
use cloudsentinel_model::aws::lambda::{Function, FunctionUrl, Lambda, Permission};
use std::collections::HashSet;

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
    let parents = cx.resources("aws_lambda_function");
    let first = out.functions.len();
    let edge = edge_functions(cx);
    for res in parents {
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
            dead_letter_queue: dead_letter_queue(&node),
            on_failure_destination: Value::default_at(false, src(node.loc())),
            edge: edge.contains(&res.full_address()),
        });
    }
    join_children(
        cx,
        parents,
        &["function_name"],
        &[("aws_lambda_function_event_invoke_config", ())],
        "function_name",
        "function",
        |i, (), child, known| {
            let Some(f) = out.functions.get_mut(first + i) else {
                return;
            };
            let node = Node::resource(child);
            let on_failure = node
                .child("destination_config")
                .and_then(|d| d.child("on_failure"))
                .map_or_else(
                    || Value::default_at(false, src(node.loc())),
                    |o| key_set(o.field("destination"), o.loc()),
                );
            if f.on_failure_destination.is_true() {
                return;
            }
            f.on_failure_destination = if known {
                on_failure
            } else {
                Value::unknown(src(child.body.loc))
            };
            merged(&mut f.resource, child, known);
        },
    );
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

/// The functions a CloudFront distribution associates with a cache behavior
/// (`lambda_function_association { lambda_arn = aws_lambda_function.f.qualified_arn }`).
fn edge_functions(cx: &Cx<'_>) -> HashSet<String> {
    let mut out = HashSet::new();
    for res in cx.resources("aws_cloudfront_distribution") {
        let node = Node::resource(res);
        let behaviors = node
            .children("default_cache_behavior")
            .nodes
            .into_iter()
            .chain(node.children("ordered_cache_behavior").nodes);
        for b in behaviors {
            for a in b.children("lambda_function_association").nodes {
                if let Some(r) = a
                    .field("lambda_arn")
                    .and_then(|f| f.value.source_ref.clone())
                {
                    out.insert(r.to_string());
                }
            }
        }
    }
    out
}

/// Whether `dead_letter_config { target_arn }` names a queue or topic.
fn dead_letter_queue(node: &Node<'_>) -> Value<bool> {
    let configs = node.children("dead_letter_config");
    match configs.nodes.first() {
        Some(c) => key_set(c.field("target_arn"), c.loc()),
        None if configs.incomplete => Value::unknown(src(node.loc())),
        None => Value::default_at(false, src(node.loc())),
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
