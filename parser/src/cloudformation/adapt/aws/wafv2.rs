//! `AWS::WAFv2::WebACL`, with the logging configurations (`AWS::WAFv2::LoggingConfiguration`)
//! joined to it through `ResourceArn`. A live web ACL (one Cloud Control document) has no
//! logging configuration joined: its logging is Unknown, never "no logging".

use crate::adapt::{is_live, src};
use crate::cloudformation::adapt::{Cx, Join, JoinIndex, merge_into, resource_meta};
use cloudsentinel_model::Value;
use cloudsentinel_model::aws::wafv2::{Wafv2, WebAcl};

pub(super) fn adapt(cx: &Cx<'_>, out: &mut Wafv2) {
    let acls = cx.resources("AWS::WAFv2::WebACL");
    let index = JoinIndex::new(acls, &[]);
    let first = out.web_acls.len();
    for res in acls {
        out.web_acls.push(WebAcl {
            resource: resource_meta(res),
            // A web ACL logs nothing until a logging configuration names it.
            logging: if is_live() {
                Value::unknown(src(res.loc))
            } else {
                Value::default_at(false, src(res.loc))
            },
        });
    }
    let mut unresolved = Vec::new();
    for &res in cx.resources("AWS::WAFv2::LoggingConfiguration") {
        let target = res.props.get("ResourceArn");
        match index.resolve(target, res) {
            Join::One(i) => {
                if let Some(acl) = out.web_acls.get_mut(first + i) {
                    acl.logging = Value::explicit(true, src(res.loc));
                    merge_into(&mut acl.resource, res);
                }
            }
            // A reference to another resource configures no web ACL declared here.
            Join::Unknown if target.is_some_and(|t| t.source_ref.is_none()) => {
                unresolved.push(res);
            }
            Join::Unknown | Join::Absent | Join::Missing(_) => {}
        }
    }
    // Unresolved configurations are applied last, so they never hide a resolved one.
    for res in unresolved {
        for &i in index.candidates(res).0 {
            if let Some(acl) = out.web_acls.get_mut(first + i)
                && !acl.logging.is_true()
            {
                acl.logging = Value::unknown(src(res.loc));
            }
        }
    }
}
