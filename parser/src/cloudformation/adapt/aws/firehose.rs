//! `AWS::KinesisFirehose::DeliveryStream`.

use crate::adapt::src;
use crate::cloudformation::adapt::{Cx, Obj, Reader, resource_meta};
use cloudsentinel_model::Value;
use cloudsentinel_model::aws::firehose::{DeliveryStream, Firehose};

pub(super) fn adapt(cx: &Cx<'_>, out: &mut Firehose) {
    for res in cx.resources("AWS::KinesisFirehose::DeliveryStream") {
        let node = Obj::resource(res);
        // `DeliveryStreamType` defaults to `DirectPut`.
        let direct_put = node
            .string("DeliveryStreamType", Some("DirectPut"))
            .map(|t| t.eq_ignore_ascii_case("DirectPut"));
        // Encryption is on when the input configuration is given (its `KeyType` chooses
        // the key).
        let (encrypted, key_type) = match node.child("DeliveryStreamEncryptionConfigurationInput") {
            // `KeyType` is required.
            Some(e) if e.value.as_map().is_some() => (
                Value::explicit(true, src(e.loc())),
                e.string("KeyType", None),
            ),
            Some(e) => (Value::unknown(src(e.loc())), Value::unknown(src(e.loc()))),
            None => (
                Value::default_at(false, src(node.loc())),
                Value::unknown(src(node.loc())),
            ),
        };
        out.delivery_streams.push(DeliveryStream {
            resource: resource_meta(res),
            direct_put,
            encrypted,
            key_type,
        });
    }
}
