//! `AWS::Kinesis::Stream`.

use crate::adapt::src;
use crate::cloudformation::adapt::{Cx, Obj, Reader, resource_meta};
use cloudsentinel_model::Value;
use cloudsentinel_model::aws::kinesis::{Kinesis, Stream};

pub(super) fn adapt(cx: &Cx<'_>, out: &mut Kinesis) {
    for res in cx.resources("AWS::Kinesis::Stream") {
        let node = Obj::resource(res);
        // No `StreamEncryption`: unencrypted.
        let encrypted = match (node.child("StreamEncryption"), node.has("StreamEncryption")) {
            (Some(e), _) => e
                .string("EncryptionType", None)
                .map(|t| t.eq_ignore_ascii_case("KMS")),
            (None, true) => Value::unknown(src(node.loc())),
            (None, false) => Value::default_at(false, src(node.loc())),
        };
        out.streams.push(Stream {
            resource: resource_meta(res),
            encrypted,
        });
    }
}
