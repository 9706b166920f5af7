//! `AWS::Lambda::Permission` (and the public permission SAM adds for a function URL with
//! `AuthType: NONE`).
//!
//! `AWS::Lambda::Url` alone grants nothing: with `AuthType: NONE` the URL still needs a
//! permission with `FunctionUrlAuthType: NONE`, which is adapted (and checked) here.

use crate::cloudformation::adapt::{Cx, Obj, Reader, resource_meta};
use cloudsentinel_model::aws::lambda::{Lambda, Permission};

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
}
