//! `storage.v1.bucket` (with `acl`, `defaultObjectAcl`, `iamConfiguration` and an
//! `accessControl` IAM policy), and the bucket's split resources joined through `bucket`:
//! `…:virtual.buckets.iamMemberBinding`, bucket and default object access controls.

use super::{
    Cx, Nested, Obj, access_control_bindings, binding_of, join_children, merged, resource_meta,
};
use crate::adapt::{Reader, src};
use cloudsentinel_model::google::storage::{
    AclEntry, Bucket, DEFAULT_LOGGING_ENABLED, DEFAULT_PUBLIC_ACCESS_PREVENTION,
    DEFAULT_UNIFORM_BUCKET_LEVEL_ACCESS, DEFAULT_VERSIONING_ENABLED, Storage,
};
use cloudsentinel_model::{Meta, Value};

pub(super) const BUCKET: [&str; 2] = ["storage.v1.bucket", "gcp-types/storage-v1:buckets"];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    Iam,
    BucketAccessControl,
    DefaultObjectAccessControl,
}

const IAM_MEMBER: [&str; 1] = ["gcp-types/storage-v1:virtual.buckets.iamMemberBinding"];
const ACCESS_CONTROL: [&str; 2] = [
    "storage.v1.bucketAccessControl",
    "gcp-types/storage-v1:bucketAccessControls",
];
const DEFAULT_OBJECT_ACCESS_CONTROL: [&str; 2] = [
    "storage.v1.defaultObjectAccessControl",
    "gcp-types/storage-v1:defaultObjectAccessControls",
];

pub(super) fn adapt(cx: &Cx<'_>, out: &mut Storage) {
    let parents = cx.resources(&BUCKET);
    let mut buckets: Vec<Bucket> = parents.iter().map(|r| bucket(r)).collect();
    join_children(
        cx,
        &parents,
        &["name"],
        &[
            (&IAM_MEMBER[..], Part::Iam),
            (&ACCESS_CONTROL[..], Part::BucketAccessControl),
            (
                &DEFAULT_OBJECT_ACCESS_CONTROL[..],
                Part::DefaultObjectAccessControl,
            ),
        ],
        "bucket",
        "bucket",
        |i, part, res, known| {
            let Some(b) = buckets.get_mut(i) else { return };
            let obj = Obj::resource(res);
            let unknown_entry = || AclEntry::unknown(Meta::unknown(src(res.loc)));
            match part {
                Part::Iam if known => b.iam.push(binding_of(&obj)),
                Part::Iam => b
                    .iam
                    .push(cloudsentinel_model::google::iam::Binding::unknown(
                        Meta::unknown(src(res.loc)),
                    )),
                Part::BucketAccessControl => b.acl.push(if known {
                    acl_entry(&obj)
                } else {
                    unknown_entry()
                }),
                Part::DefaultObjectAccessControl => b.default_object_acl.push(if known {
                    acl_entry(&obj)
                } else {
                    unknown_entry()
                }),
            }
            merged(&mut b.resource, res, known);
        },
    );
    out.buckets.extend(buckets);
}

fn bucket(res: &super::DmResource) -> Bucket {
    let node = Obj::resource(res);
    let at = node.loc;
    let (uniform, prevention) = match node.obj("iamConfiguration") {
        Nested::Present(c) => {
            // `bucketPolicyOnly` is the API's older name for uniform bucket-level access.
            let block = if c.has("uniformBucketLevelAccess") || !c.has("bucketPolicyOnly") {
                "uniformBucketLevelAccess"
            } else {
                "bucketPolicyOnly"
            };
            (
                c.nested_bool(block, "enabled", DEFAULT_UNIFORM_BUCKET_LEVEL_ACCESS),
                c.string(
                    "publicAccessPrevention",
                    Some(DEFAULT_PUBLIC_ACCESS_PREVENTION),
                ),
            )
        }
        Nested::Unknown(l) => (Value::unknown(src(l)), Value::unknown(src(l))),
        Nested::Absent => (
            Value::default_at(DEFAULT_UNIFORM_BUCKET_LEVEL_ACCESS, src(at)),
            Value::default_at(DEFAULT_PUBLIC_ACCESS_PREVENTION.to_string(), src(at)),
        ),
    };
    let versioning_enabled = match node.obj("versioning") {
        Nested::Present(v) => v.bool("enabled", Some(DEFAULT_VERSIONING_ENABLED)),
        Nested::Unknown(l) => Value::unknown(src(l)),
        Nested::Absent => Value::default_at(DEFAULT_VERSIONING_ENABLED, src(at)),
    };
    let logging_enabled = match node.obj("logging") {
        Nested::Present(l) => match l.field("logBucket") {
            Some(f) if f.value.to_string_lossy().is_some() => Value::explicit(true, f.origin()),
            Some(f) => Value::unknown(f.origin()),
            None => Value::unknown(src(l.loc)),
        },
        Nested::Unknown(l) => Value::unknown(src(l)),
        Nested::Absent => Value::default_at(DEFAULT_LOGGING_ENABLED, src(at)),
    };
    let default_kms_key_name = match node.obj("encryption") {
        Nested::Present(e) => e.string("defaultKmsKeyName", None),
        Nested::Unknown(l) => Value::unknown(src(l)),
        Nested::Absent => Value::default_at(String::new(), src(at)),
    };
    Bucket {
        resource: resource_meta(res),
        name: super::api_name(res, "name"),
        uniform_bucket_level_access: uniform,
        public_access_prevention: prevention,
        iam: access_control_bindings(res),
        // Deployment Manager passes the insert call's query parameters as properties.
        predefined_acl: node.string("predefinedAcl", Some("")),
        predefined_default_object_acl: node.string("predefinedDefaultObjectAcl", Some("")),
        acl: acl_list(&node, "acl"),
        default_object_acl: acl_list(&node, "defaultObjectAcl"),
        versioning_enabled,
        logging_enabled,
        default_kms_key_name,
    }
}

/// `acl: [{entity, role}]`; an entry that cannot be evaluated is an Unknown entry.
fn acl_list(node: &Obj<'_>, name: &str) -> Vec<AclEntry> {
    let list = node.list(name);
    let mut out: Vec<AclEntry> = list.nodes.iter().map(acl_entry).collect();
    if list.incomplete {
        let at = node.field(name).map_or(node.loc, |f| f.loc);
        out.push(AclEntry::unknown(Meta::unknown(src(at))));
    }
    out
}

fn acl_entry(o: &Obj<'_>) -> AclEntry {
    AclEntry {
        meta: Meta::explicit(src(o.loc)),
        entity: o.string("entity", None),
        role: o.string("role", None),
    }
}
