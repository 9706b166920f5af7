//! `gcp-types/cloudkms-v1:projects.locations.keyRings.cryptoKeys` (and the
//! `cloudkms.v1.…` spelling), with its `accessControl` IAM policy.

use super::{Cx, Obj, access_control_bindings, resource_meta};
use crate::adapt::{Reader, src};
use cloudsentinel_model::Value;
use cloudsentinel_model::google::kms::{
    CryptoKey, DEFAULT_PURPOSE, DEFAULT_ROTATION_PERIOD_SECONDS, Kms, parse_duration_seconds,
};

const CRYPTO_KEY: [&str; 3] = [
    "gcp-types/cloudkms-v1:projects.locations.keyRings.cryptoKeys",
    "cloudkms.v1.projects.locations.keyRings.cryptoKeys",
    "cloudkms.v1.cryptoKey",
];

pub(super) fn adapt(cx: &Cx<'_>, out: &mut Kms) {
    for res in cx.resources(&CRYPTO_KEY) {
        let node = Obj::resource(res);
        let rotation_period_seconds = match node.field("rotationPeriod") {
            Some(f) => match f.value.as_str().and_then(parse_duration_seconds) {
                Some(s) => Value::explicit(Some(s), f.origin()),
                None => Value::unknown(f.origin()),
            },
            None => Value::default_at(DEFAULT_ROTATION_PERIOD_SECONDS, src(node.loc)),
        };
        out.crypto_keys.push(CryptoKey {
            resource: resource_meta(res),
            purpose: node.string("purpose", Some(DEFAULT_PURPOSE)),
            rotation_period_seconds,
            iam: access_control_bindings(res),
        });
    }
}
