//! `AWS::Lambda::Permission` (and the public permission SAM adds for a function URL with
//! `AuthType: NONE`), `AWS::Lambda::Function` (with the `AWS::Lambda::EventInvokeConfig`
//! joined to it), `AWS::Lambda::Url`.
//!
//! `AWS::Lambda::Url` alone grants nothing: with `AuthType: NONE` the URL still needs a
//! permission with `FunctionUrlAuthType: NONE`, which is adapted (and checked) here.

use crate::adapt::src;
use crate::cloudformation::adapt::{
    Cx, Field, Join, JoinIndex, Obj, Reader, merge_into, resource_meta,
};
use cloudsentinel_model::Location;
use cloudsentinel_model::Value;
use cloudsentinel_model::aws::lambda::{Function, FunctionUrl, Lambda, Permission};
use std::collections::HashSet;

pub(super) fn adapt(cx: &Cx<'_>, out: &mut Lambda) {
    for res in cx.resources("AWS::Lambda::Permission") {
        let node = Obj::resource(res);
        out.permissions.push(Permission {
            resource: resource_meta(res),
            principal: node.string("Principal", None),
            source_arn: node.string("SourceArn", Some("")),
            source_account: node.string("SourceAccount", Some("")),
            principal_org_id: node.string("PrincipalOrgID", Some("")),
        });
    }
    let parents = cx.resources("AWS::Lambda::Function");
    let first = out.functions.len();
    let edge = edge_functions(cx);
    for res in parents {
        let node = Obj::resource(res);
        // A container image function has no `Runtime`; tracing defaults to PassThrough.
        let runtime = match node.field("Runtime") {
            Some(_) => node.string("Runtime", None).map(Some),
            None => Value::default_at(None, src(node.loc())),
        };
        let tracing_mode = match node.child("TracingConfig") {
            Some(t) => t.string("Mode", Some("PassThrough")),
            None => Value::default_at("PassThrough".to_string(), src(node.loc())),
        };
        out.functions.push(Function {
            resource: resource_meta(res),
            runtime,
            tracing_mode,
            has_environment_variables: has_variables(&node),
            kms_key_set: key_set(node.field("KmsKeyArn"), node.loc()),
            dead_letter_queue: match node.child("DeadLetterConfig") {
                Some(d) => key_set(d.field("TargetArn"), d.loc()),
                None => Value::default_at(false, src(node.loc())),
            },
            on_failure_destination: Value::default_at(false, src(node.loc())),
            edge: edge.contains(&res.full_address()),
        });
    }
    let index = JoinIndex::new(parents, &["FunctionName"]);
    for res in cx.resources("AWS::Lambda::EventInvokeConfig") {
        let node = Obj::resource(res);
        let on_failure = node
            .child("DestinationConfig")
            .and_then(|d| d.child("OnFailure"))
            .map_or_else(
                || Value::default_at(false, src(node.loc())),
                |o| key_set(o.field("Destination"), o.loc()),
            );
        let mut set = |i: usize, v: Value<bool>, merge: bool| {
            if let Some(f) = out.functions.get_mut(first + i)
                && !f.on_failure_destination.is_true()
            {
                f.on_failure_destination = v;
                if merge {
                    merge_into(&mut f.resource, res);
                }
            }
        };
        match index.resolve(res.props.get("FunctionName"), res) {
            Join::One(i) => set(i, on_failure, true),
            // It could configure any function of its stack: none is concluded to have no
            // destination.
            Join::Unknown => {
                let (candidates, _) = index.candidates(res);
                for &i in candidates {
                    set(i, Value::unknown(src(res.loc)), false);
                }
            }
            Join::Missing(_) | Join::Absent => {}
        }
    }
    for res in cx.resources("AWS::Lambda::Url") {
        let node = Obj::resource(res);
        out.function_urls.push(FunctionUrl {
            resource: resource_meta(res),
            auth_type: node.string("AuthType", None),
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

/// The functions a CloudFront distribution associates with a cache behavior: the
/// `LambdaFunctionARN` of a `LambdaFunctionAssociations` entry refers to the function or to
/// an `AWS::Lambda::Version` of it.
fn edge_functions(cx: &Cx<'_>) -> HashSet<String> {
    let mut arns = HashSet::new();
    for res in cx.resources("AWS::CloudFront::Distribution") {
        let Some(config) = Obj::resource(res).child("DistributionConfig") else {
            continue;
        };
        let behaviors = config
            .child("DefaultCacheBehavior")
            .into_iter()
            .chain(config.children("CacheBehaviors").nodes);
        for b in behaviors {
            for a in b.children("LambdaFunctionAssociations").nodes {
                if let Some(r) = a
                    .field("LambdaFunctionARN")
                    .and_then(|f| f.value.source_ref.clone())
                {
                    arns.insert(r.to_string());
                }
            }
        }
    }
    let mut out = arns.clone();
    for v in cx.resources("AWS::Lambda::Version") {
        if arns.contains(&v.full_address())
            && let Some(r) = v
                .props
                .get("FunctionName")
                .and_then(|f| f.source_ref.clone())
        {
            out.insert(r.to_string());
        }
    }
    out
}

/// Whether `Environment.Variables` holds at least one variable.
fn has_variables(node: &Obj<'_>) -> Value<bool> {
    let Some(env) = node.child("Environment") else {
        return Value::default_at(false, src(node.loc()));
    };
    match env.field("Variables") {
        None => Value::default_at(false, src(env.loc())),
        Some(f) => match f.value.as_map() {
            Some(m) => Value::explicit(!m.is_empty(), f.origin()),
            None => Value::unknown(f.origin()),
        },
    }
}
