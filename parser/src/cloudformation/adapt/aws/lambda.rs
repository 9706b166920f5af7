//! `AWS::Lambda::Permission` (and the public permission SAM adds for a function URL with
//! `AuthType: NONE`), `AWS::Lambda::Function`, `AWS::Lambda::Url`.
//!
//! `AWS::Lambda::Url` alone grants nothing: with `AuthType: NONE` the URL still needs a
//! permission with `FunctionUrlAuthType: NONE`, which is adapted (and checked) here.

use crate::adapt::src;
use crate::cloudformation::adapt::{Cx, Field, Obj, Reader, resource_meta};
use cloudsentinel_model::Location;
use cloudsentinel_model::Value;
use cloudsentinel_model::aws::lambda::{Function, FunctionUrl, Lambda, Permission};

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
    for res in cx.resources("AWS::Lambda::Function") {
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
        });
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
