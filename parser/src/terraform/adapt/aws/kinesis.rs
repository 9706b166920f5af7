//! `aws_kinesis_stream`.

use crate::terraform::adapt::{Cx, Node, Reader, resource_meta};
use cloudsentinel_model::aws::kinesis::{Kinesis, Stream};

pub(super) fn adapt(cx: &Cx<'_>, out: &mut Kinesis) {
    for res in cx.resources("aws_kinesis_stream") {
        let node = Node::resource(res);
        // `encryption_type` defaults to NONE.
        out.streams.push(Stream {
            resource: resource_meta(res),
            encrypted: node
                .string("encryption_type", Some("NONE"))
                .map(|t| t.eq_ignore_ascii_case("KMS")),
        });
    }
}
