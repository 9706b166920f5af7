//! `google_bigquery_dataset` with its `access` blocks, and `google_bigquery_dataset_access`
//! and the dataset IAM resources joined through `dataset_id`.

use super::iam_policy::{IamPolicies, binding_of, resource_bindings};
use super::{join_children, merged};
use crate::terraform::adapt::{Cx, Node, Reader, resource_meta, src};
use crate::terraform::ir::TfResource;
use cloudsentinel_model::google::bigquery::{BigQuery, Dataset};
use cloudsentinel_model::google::iam::Binding;
use cloudsentinel_model::{Meta, Value};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    Access,
    Iam,
}

const PARTS: [(&str, Part); 4] = [
    ("google_bigquery_dataset_access", Part::Access),
    ("google_bigquery_dataset_iam_policy", Part::Iam),
    ("google_bigquery_dataset_iam_binding", Part::Iam),
    ("google_bigquery_dataset_iam_member", Part::Iam),
];

pub(super) fn adapt(cx: &Cx<'_>, policies: &IamPolicies<'_>, out: &mut BigQuery) {
    let parents = cx.resources("google_bigquery_dataset");
    let mut datasets: Vec<Dataset> = parents.iter().map(|r| dataset(r)).collect();
    join_children(
        cx,
        parents,
        &["dataset_id"],
        &PARTS,
        "dataset_id",
        "dataset",
        |i, part, res, known| {
            if let Some(d) = datasets.get_mut(i) {
                match part {
                    Part::Access if known => d.access.push(access_entry(&Node::resource(res))),
                    Part::Access => d
                        .access
                        .push(Binding::unknown(Meta::unknown(src(res.body.loc)))),
                    Part::Iam => d.access.extend(resource_bindings(policies, res, known)),
                }
                merged(&mut d.resource, res, known);
            }
        },
    );
    out.datasets.extend(datasets);
}

fn dataset(res: &TfResource) -> Dataset {
    let node = Node::resource(res);
    let access = node.children("access");
    let mut entries: Vec<Binding> = access.nodes.iter().map(access_entry).collect();
    if access.incomplete {
        entries.push(Binding::unknown(Meta::unknown(src(node.loc()))));
    }
    let encryption = node.children("default_encryption_configuration");
    Dataset {
        resource: resource_meta(res),
        access: entries,
        default_kms_key_name: match encryption.nodes.first() {
            Some(e) => e.string("kms_key_name", None),
            None if encryption.incomplete => Value::unknown(src(node.loc())),
            None => Value::default_at(String::new(), src(node.loc())),
        },
    }
}

/// An `access` block (or `google_bigquery_dataset_access`): its grantee written as an IAM
/// member (`special_group = "allAuthenticatedUsers"` is `allAuthenticatedUsers`,
/// `user_by_email = "a@x"` is `user:a@x`). An entry authorising a view, dataset or routine has
/// no member.
fn access_entry(node: &Node<'_>) -> Binding {
    let mut binding = binding_of(node);
    // An entry authorising a view, dataset or routine has no role: it grants no one access.
    if !node.has("role") {
        binding.role = Value::default_at(String::new(), src(node.loc()));
    }
    for (attr, prefix) in [
        ("user_by_email", "user:"),
        ("group_by_email", "group:"),
        ("domain", "domain:"),
        ("special_group", ""),
        ("iam_member", ""),
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
