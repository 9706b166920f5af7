//! `AWS::Lambda::Permission` (and the public permission SAM adds for a function URL with
//! `AuthType: NONE`).
//!
//! `AWS::Lambda::Url` alone grants nothing: with `AuthType: NONE` the URL still needs a
//! permission with `FunctionUrlAuthType: NONE`, which is adapted (and checked) here.

use crate::adapt::src;
use crate::cloudformation::adapt::{Cx, Obj, Reader, resource_meta};
use cloudsentinel_model::Value;
use cloudsentinel_model::aws::lambda::{Function, Lambda, Permission};

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
        });
    }
}
