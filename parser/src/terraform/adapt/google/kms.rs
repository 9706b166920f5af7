//! `google_kms_crypto_key` with its IAM resources joined through `crypto_key_id`.

use super::iam_policy::{IamPolicies, resource_bindings};
use super::{join_children, merged};
use crate::terraform::adapt::{Cx, Node, Reader, resource_meta, src};
use cloudsentinel_model::Value;
use cloudsentinel_model::google::kms::{
    CryptoKey, DEFAULT_PURPOSE, DEFAULT_ROTATION_PERIOD_SECONDS, Kms, parse_duration_seconds,
};

const IAM: [(&str, ()); 3] = [
    ("google_kms_crypto_key_iam_policy", ()),
    ("google_kms_crypto_key_iam_binding", ()),
    ("google_kms_crypto_key_iam_member", ()),
];

pub(super) fn adapt(cx: &Cx<'_>, policies: &IamPolicies<'_>, out: &mut Kms) {
    let parents = cx.resources("google_kms_crypto_key");
    let mut keys: Vec<CryptoKey> = parents
        .iter()
        .map(|res| {
            let node = Node::resource(res);
            let rotation_period_seconds = match node.field("rotation_period") {
                Some(f) => match f.value.as_str().and_then(parse_duration_seconds) {
                    Some(s) => Value::explicit(Some(s), f.origin()),
                    None => Value::unknown(f.origin()),
                },
                None => Value::default_at(DEFAULT_ROTATION_PERIOD_SECONDS, src(node.loc())),
            };
            CryptoKey {
                resource: resource_meta(res),
                purpose: node.string("purpose", Some(DEFAULT_PURPOSE)),
                rotation_period_seconds,
                iam: Vec::new(),
            }
        })
        .collect();
    join_children(
        cx,
        parents,
        &["id"],
        &IAM,
        "crypto_key_id",
        "crypto key",
        |i, (), res, known| {
            if let Some(k) = keys.get_mut(i) {
                k.iam.extend(resource_bindings(policies, res, known));
                merged(&mut k.resource, res, known);
            }
        },
    );
    out.crypto_keys.extend(keys);
}
