//! `AWS::SQS::Queue`.

use crate::cloudformation::adapt::{Cx, Obj, Reader, resource_meta};
use cloudsentinel_model::aws::sqs::{Queue, Sqs};

pub(super) fn adapt(cx: &Cx<'_>, out: &mut Sqs) {
    for res in cx.resources("AWS::SQS::Queue") {
        let node = Obj::resource(res);
        // Queues created over HTTPS (as CloudFormation does) get SSE-SQS by default since
        // October 2022, unless a KMS key is configured instead.
        let kms_configured = node.has("KmsMasterKeyId");
        out.queues.push(Queue {
            resource: resource_meta(res),
            sqs_managed_sse: node.bool("SqsManagedSseEnabled", Some(!kms_configured)),
            kms_master_key_id: node.string("KmsMasterKeyId", Some("")),
        });
    }
}
