//! `bigquery.v2.dataset` with its `access` entries and `accessControl` IAM policy.

use super::{Cx, DmResource, Nested, Obj, access_control_bindings, binding_of, resource_meta};
use crate::adapt::{Reader, src};
use cloudsentinel_model::google::bigquery::{BigQuery, Dataset};
use cloudsentinel_model::google::iam::Binding;
use cloudsentinel_model::{Meta, Value};

const DATASET: [&str; 2] = ["bigquery.v2.dataset", "gcp-types/bigquery-v2:datasets"];

pub(super) fn adapt(cx: &Cx<'_>, out: &mut BigQuery) {
    for res in cx.resources(&DATASET) {
        out.datasets.push(dataset(res));
    }
}

fn dataset(res: &DmResource) -> Dataset {
    let node = Obj::resource(res);
    let access = node.list("access");
    let mut entries: Vec<Binding> = access.nodes.iter().map(access_entry).collect();
    if access.incomplete {
        entries.push(Binding::unknown(Meta::unknown(src(node.loc))));
    }
    entries.extend(access_control_bindings(res));
    Dataset {
        resource: resource_meta(res),
        access: entries,
        default_kms_key_name: match node.obj("defaultEncryptionConfiguration") {
            Nested::Present(e) => e.string("kmsKeyName", None),
            Nested::Unknown(l) => Value::unknown(src(l)),
            Nested::Absent => Value::default_at(String::new(), src(node.loc)),
        },
    }
}

/// An `access` entry: its grantee written as an IAM member (`specialGroup:
/// allAuthenticatedUsers` is `allAuthenticatedUsers`, `userByEmail: a@x` is `user:a@x`). An
/// entry authorising a view, dataset or routine has no member.
fn access_entry(node: &Obj<'_>) -> Binding {
    let mut binding = binding_of(node);
    for (attr, prefix) in [
        ("userByEmail", "user:"),
        ("groupByEmail", "group:"),
        ("domain", "domain:"),
        ("specialGroup", ""),
        ("iamMember", ""),
    ] {
        if let Some(f) = node.field(attr) {
            binding.members.push(match f.value.to_string_lossy() {
                Some(s) => Value::explicit(format!("{prefix}{s}"), f.origin()),
                None => Value::unknown(f.origin()),
            });
        }
    }
    binding
}
