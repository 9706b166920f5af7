//! `google_storage_bucket` with its IAM resources (`_iam_policy`, `_iam_binding`,
//! `_iam_member`) and access control resources (`google_storage_bucket_acl`,
//! `google_storage_default_object_acl`, `google_storage_bucket_access_control`,
//! `google_storage_default_object_access_control`) joined through `bucket`.

use super::iam_policy::{IamPolicies, resource_bindings};
use super::{join_children, merged};
use crate::terraform::adapt::{Cx, Node, Reader, resource_meta, src};
use crate::terraform::ir::TfResource;
use cloudsentinel_model::google::storage::{
    AclEntry, Bucket, DEFAULT_LOGGING_ENABLED, DEFAULT_PUBLIC_ACCESS_PREVENTION,
    DEFAULT_UNIFORM_BUCKET_LEVEL_ACCESS, DEFAULT_VERSIONING_ENABLED, Storage,
};
use cloudsentinel_model::{Meta, Value};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    Iam,
    /// `google_storage_bucket_acl`: predefined ACL, `role_entity`, `default_acl`.
    BucketAcl,
    /// `google_storage_default_object_acl`: `role_entity`.
    DefaultObjectAcl,
    /// `google_storage_bucket_access_control`: one `entity` with a `role`.
    BucketAccessControl,
    /// `google_storage_default_object_access_control`.
    DefaultObjectAccessControl,
}

const PARTS: [(&str, Part); 7] = [
    ("google_storage_bucket_iam_policy", Part::Iam),
    ("google_storage_bucket_iam_binding", Part::Iam),
    ("google_storage_bucket_iam_member", Part::Iam),
    ("google_storage_bucket_acl", Part::BucketAcl),
    ("google_storage_default_object_acl", Part::DefaultObjectAcl),
    (
        "google_storage_bucket_access_control",
        Part::BucketAccessControl,
    ),
    (
        "google_storage_default_object_access_control",
        Part::DefaultObjectAccessControl,
    ),
];

pub(super) fn adapt(cx: &Cx<'_>, policies: &IamPolicies<'_>, out: &mut Storage) {
    let parents = cx.resources("google_storage_bucket");
    let mut buckets: Vec<Bucket> = parents.iter().map(|r| bucket(r)).collect();
    join_children(
        cx,
        parents,
        &["name"],
        &PARTS,
        "bucket",
        "bucket",
        |i, part, res, known| {
            if let Some(b) = buckets.get_mut(i) {
                apply(part, b, res, known, policies);
                merged(&mut b.resource, res, known);
            }
        },
    );
    out.buckets.extend(buckets);
}

fn bucket(res: &TfResource) -> Bucket {
    let node = Node::resource(res);
    let at = node.loc();
    // `bucket_policy_only` is the provider's older name for uniform bucket-level access.
    let uniform_attr = if node.has("uniform_bucket_level_access") || !node.has("bucket_policy_only")
    {
        "uniform_bucket_level_access"
    } else {
        "bucket_policy_only"
    };
    let versioning = node.children("versioning");
    let versioning_enabled = match versioning.nodes.first() {
        Some(v) => v.bool("enabled", None),
        None if versioning.incomplete => Value::unknown(src(at)),
        None => Value::default_at(DEFAULT_VERSIONING_ENABLED, src(at)),
    };
    let logging = node.children("logging");
    let logging_enabled = match logging.nodes.first() {
        Some(l) => match l.field("log_bucket") {
            Some(f) if f.value.to_string_lossy().is_some() => Value::explicit(true, f.origin()),
            Some(f) => Value::unknown(f.origin()),
            None => Value::unknown(src(l.loc())),
        },
        None if logging.incomplete => Value::unknown(src(at)),
        None => Value::default_at(DEFAULT_LOGGING_ENABLED, src(at)),
    };
    let encryption = node.children("encryption");
    let default_kms_key_name = match encryption.nodes.first() {
        Some(e) => e.string("default_kms_key_name", None),
        None if encryption.incomplete => Value::unknown(src(at)),
        None => Value::default_at(String::new(), src(at)),
    };
    Bucket {
        resource: resource_meta(res),
        name: node.string("name", None),
        uniform_bucket_level_access: node
            .bool(uniform_attr, Some(DEFAULT_UNIFORM_BUCKET_LEVEL_ACCESS)),
        public_access_prevention: node.string(
            "public_access_prevention",
            Some(DEFAULT_PUBLIC_ACCESS_PREVENTION),
        ),
        iam: Vec::new(),
        predefined_acl: Value::default_at(String::new(), src(at)),
        predefined_default_object_acl: Value::default_at(String::new(), src(at)),
        acl: Vec::new(),
        default_object_acl: Vec::new(),
        versioning_enabled,
        logging_enabled,
        default_kms_key_name,
    }
}

fn apply(part: Part, b: &mut Bucket, res: &TfResource, known: bool, policies: &IamPolicies<'_>) {
    let node = Node::resource(res);
    let at = node.loc();
    let unknown_entry = || AclEntry::unknown(Meta::unknown(src(at)));
    match part {
        Part::Iam => b.iam.extend(resource_bindings(policies, res, known)),
        Part::BucketAcl if !known => {
            b.predefined_acl = Value::unknown(src(at));
            b.predefined_default_object_acl = Value::unknown(src(at));
            b.acl.push(unknown_entry());
        }
        Part::BucketAcl => {
            b.predefined_acl = node.string("predefined_acl", Some(""));
            b.predefined_default_object_acl = node.string("default_acl", Some(""));
            b.acl.extend(role_entities(&node));
        }
        Part::DefaultObjectAcl if !known => b.default_object_acl.push(unknown_entry()),
        Part::DefaultObjectAcl => b.default_object_acl.extend(role_entities(&node)),
        Part::BucketAccessControl | Part::DefaultObjectAccessControl => {
            let entry = if known {
                AclEntry {
                    meta: Meta::explicit(src(at)),
                    entity: node.string("entity", None),
                    role: node.string("role", None),
                }
            } else {
                unknown_entry()
            };
            if part == Part::BucketAccessControl {
                b.acl.push(entry);
            } else {
                b.default_object_acl.push(entry);
            }
        }
    }
}

/// `role_entity = ["READER:allUsers", "OWNER:user-a@example.com"]`.
fn role_entities(node: &Node<'_>) -> Vec<AclEntry> {
    node.strings("role_entity")
        .unwrap_or_default()
        .into_iter()
        .map(|v| {
            let meta = v.meta.clone();
            match v.as_str().and_then(|s| s.split_once(':')) {
                Some((role, entity)) => AclEntry {
                    meta: meta.clone(),
                    entity: Value::explicit(entity.to_string(), meta.origin.clone()),
                    role: Value::explicit(role.to_string(), meta.origin),
                },
                None => AclEntry::unknown(Meta::unknown(meta.origin)),
            }
        })
        .collect()
}
