//! `aws_sqs_queue`.

use crate::terraform::adapt::{Cx, Node, Reader, resource_meta};
use cloudsentinel_model::aws::sqs::{Queue, Sqs};

pub(super) fn adapt(cx: &Cx<'_>, out: &mut Sqs) {
    for res in cx.resources("aws_sqs_queue") {
        let node = Node::resource(res);
        // New queues get SSE-SQS unless a KMS key is configured instead.
        let kms_configured = node.has("kms_master_key_id");
        out.queues.push(Queue {
            resource: resource_meta(res),
            sqs_managed_sse: node.bool("sqs_managed_sse_enabled", Some(!kms_configured)),
            kms_master_key_id: node.string("kms_master_key_id", Some("")),
        });
    }
}
