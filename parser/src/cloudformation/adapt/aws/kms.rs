//! `AWS::KMS::Key`.

use crate::adapt::src;
use crate::cloudformation::adapt::{Cx, Obj, Reader, resource_meta};
use crate::policy::document_value;
use cloudsentinel_model::Value;
use cloudsentinel_model::aws::kms::{Key, Kms};

pub(super) fn adapt(cx: &Cx<'_>, out: &mut Kms) {
    for res in cx.resources("AWS::KMS::Key") {
        let node = Obj::resource(res);
        out.keys.push(Key {
            resource: resource_meta(res),
            rotation_enabled: node.bool(
                "EnableKeyRotation",
                Some(cloudsentinel_model::aws::kms::DEFAULT_ROTATION_ENABLED),
            ),
            key_spec: node.string(
                "KeySpec",
                Some(cloudsentinel_model::aws::kms::DEFAULT_KEY_SPEC),
            ),
            key_usage: node.string(
                "KeyUsage",
                Some(cloudsentinel_model::aws::kms::DEFAULT_KEY_USAGE),
            ),
            customer_managed: Value::default_at(true, src(node.loc())),
            policies: node
                .field("KeyPolicy")
                .map(|f| document_value(f.value, f.loc, f.scope))
                .into_iter()
                .collect(),
        });
    }
}
