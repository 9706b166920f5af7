//! `aws_kms_key` with the `aws_kms_key_policy` resources joined through `key_id`.

use super::iam_policy::PolicyDocs;
use crate::terraform::adapt::{Cx, Node, Reader, join_children, merged, resource_meta, src};
use cloudsentinel_model::Value;
use cloudsentinel_model::aws::kms::{Key, Kms};

pub(super) fn adapt(cx: &Cx<'_>, docs: &PolicyDocs<'_>, out: &mut Kms) {
    let parents = cx.resources("aws_kms_key");
    let mut keys: Vec<Key> = parents
        .iter()
        .map(|res| {
            let node = Node::resource(res);
            // `customer_master_key_spec` is the provider's name; `key_spec` the API's.
            let spec_attr = if node.has("customer_master_key_spec") || !node.has("key_spec") {
                "customer_master_key_spec"
            } else {
                "key_spec"
            };
            Key {
                resource: resource_meta(res),
                rotation_enabled: node.bool(
                    "enable_key_rotation",
                    Some(cloudsentinel_model::aws::kms::DEFAULT_ROTATION_ENABLED),
                ),
                key_spec: node.string(
                    spec_attr,
                    Some(cloudsentinel_model::aws::kms::DEFAULT_KEY_SPEC),
                ),
                key_usage: node.string(
                    "key_usage",
                    Some(cloudsentinel_model::aws::kms::DEFAULT_KEY_USAGE),
                ),
                customer_managed: Value::default_at(true, src(node.loc())),
                policies: node
                    .field("policy")
                    .map(|f| docs.read(f))
                    .into_iter()
                    .collect(),
            }
        })
        .collect();
    join_children(
        cx,
        parents,
        &[],
        &[("aws_kms_key_policy", ())],
        "key_id",
        "key",
        |i, (), res, known| {
            if let Some(k) = keys.get_mut(i) {
                k.policies.push(if known {
                    docs.read_attr(&Node::resource(res), "policy")
                } else {
                    Value::unknown(src(res.body.loc))
                });
                merged(&mut k.resource, res, known);
            }
        },
    );
    out.keys.extend(keys);
}
