//! Adapters for the Terraform `google` and `google-beta` providers (both name their resource
//! types `google_…`), one module per service of the model.

mod bigquery;
mod compute;
mod dns;
mod gke;
mod iam;
mod iam_policy;
mod kms;
mod network;
mod sql;
mod storage;

use super::{Cx, Join, JoinIndex, merge_into};
use crate::terraform::ir::TfResource;
use cloudsentinel_model::google::Google;
use iam_policy::IamPolicies;

/// Adapts every Google Cloud resource of the evaluation. Unknown resource types are ignored.
pub(crate) fn adapt(cx: &Cx<'_>, google: &mut Google) {
    let policies = IamPolicies::new(cx);
    storage::adapt(cx, &policies, &mut google.storage);
    compute::adapt(cx, &mut google.compute);
    sql::adapt(cx, &mut google.sql);
    kms::adapt(cx, &policies, &mut google.kms);
    iam::adapt(cx, &policies, &mut google.iam);
    gke::adapt(cx, &mut google.gke);
    network::adapt(cx, &mut google.network);
    dns::adapt(cx, &mut google.dns);
    bigquery::adapt(cx, &policies, &mut google.bigquery);
}

/// Joins the split resources `children` (type, part) to `parents` through their attribute
/// `attr`, in the toolkit's one order. `apply(parent, part, child, known)` is called once for
/// a resolved parent (`known`), and for every candidate parent of a child whose parent could
/// not be evaluated (`!known`: what it configures is Unknown for each of them). A known name
/// that matches no declared parent, or an unevaluated one with no candidate, is a notice.
pub(super) fn join_children<'a, P: Copy>(
    cx: &Cx<'a>,
    parents: &[&'a TfResource],
    name_attrs: &[&str],
    children: &[(&str, P)],
    attr: &str,
    what: &str,
    mut apply: impl FnMut(usize, P, &'a TfResource, bool),
) {
    let index = JoinIndex::new(parents, name_attrs);
    for &(rtype, part) in children {
        for &res in cx.resources(rtype) {
            let target = res.body.attr(attr).map(|a| &a.value);
            match index.resolve(target, res) {
                Join::One(i) => apply(i, part, res, true),
                Join::Unknown => {
                    let (candidates, _) = index.candidates(res);
                    if candidates.is_empty() {
                        cx.notice(
                            res.body.loc,
                            format!(
                                "{}: its {what} could not be evaluated and no {what} is declared in its module or the modules calling it; it is not checked",
                                res.full_address()
                            ),
                        );
                    }
                    for &i in candidates {
                        apply(i, part, res, false);
                    }
                }
                Join::Missing(name) => cx.notice(
                    res.body.loc,
                    format!(
                        "{} configures {what} \"{name}\", which is not declared in the scanned configuration; it is not checked",
                        res.full_address()
                    ),
                ),
                Join::Absent => cx.notice(
                    res.body.loc,
                    format!(
                        "{} names no {what} (`{attr}` is missing); it is not checked",
                        res.full_address()
                    ),
                ),
            }
        }
    }
}

/// Records that `child` was merged into the parent (resolved joins only).
pub(super) fn merged(
    into: &mut cloudsentinel_model::ResourceMeta,
    child: &TfResource,
    known: bool,
) {
    if known {
        merge_into(into, child);
    }
}
