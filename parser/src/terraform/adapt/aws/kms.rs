//! `aws_kms_key`.

use crate::terraform::adapt::{Cx, Node, Reader, resource_meta, src};
use cloudsentinel_model::Value;
use cloudsentinel_model::aws::kms::{Key, Kms};

pub(super) fn adapt(cx: &Cx<'_>, out: &mut Kms) {
    for res in cx.resources("aws_kms_key") {
        let node = Node::resource(res);
        // `customer_master_key_spec` is the provider's name; `key_spec` the API's.
        let spec_attr = if node.has("customer_master_key_spec") || !node.has("key_spec") {
            "customer_master_key_spec"
        } else {
            "key_spec"
        };
        out.keys.push(Key {
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
        });
    }
}
