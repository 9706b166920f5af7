//! `aws_kinesis_firehose_delivery_stream`.

use crate::terraform::adapt::{Cx, Node, Reader, resource_meta, src};
use cloudsentinel_model::Value;
use cloudsentinel_model::aws::firehose::{DeliveryStream, Firehose};

pub(super) fn adapt(cx: &Cx<'_>, out: &mut Firehose) {
    for res in cx.resources("aws_kinesis_firehose_delivery_stream") {
        let node = Node::resource(res);
        // A Kinesis data stream or MSK source replaces Direct PUT.
        let mut direct_put = Value::default_at(true, src(node.loc()));
        for source in ["kinesis_source_configuration", "msk_source_configuration"] {
            let c = node.children(source);
            if let Some(s) = c.nodes.first() {
                direct_put = Value::explicit(false, src(s.loc()));
                break;
            }
            if c.incomplete {
                direct_put = Value::unknown(src(node.loc()));
            }
        }
        // `server_side_encryption { enabled }` defaults to false, and so does its absence.
        let sse = node.children("server_side_encryption");
        let (encrypted, key_type) = match sse.nodes.first() {
            // `key_type` defaults to AWS_OWNED_CMK.
            Some(s) => (
                s.bool("enabled", Some(false)),
                s.string("key_type", Some("AWS_OWNED_CMK")),
            ),
            None if sse.incomplete => (
                Value::unknown(src(node.loc())),
                Value::unknown(src(node.loc())),
            ),
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
