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
        let encrypted = match node.field("DeliveryStreamEncryptionConfigurationInput") {
            Some(f) if f.value.as_map().is_some() => Value::explicit(true, f.origin()),
            Some(f) => Value::unknown(f.origin()),
            None => Value::default_at(false, src(node.loc())),
        };
        out.delivery_streams.push(DeliveryStream {
            resource: resource_meta(res),
            direct_put,
            encrypted,
        });
    }
}
