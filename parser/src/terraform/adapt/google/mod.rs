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

use super::Cx;
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

pub(super) use super::{join_children, merged};
