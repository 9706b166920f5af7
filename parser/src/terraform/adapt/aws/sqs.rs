//! `aws_sqs_queue` with the `aws_sqs_queue_policy` resources joined through `queue_url`.

use super::iam_policy::PolicyDocs;
use crate::terraform::adapt::{Cx, Node, Reader, join_children, merged, resource_meta, src};
use cloudsentinel_model::Value;
use cloudsentinel_model::aws::sqs::{Queue, Sqs};

pub(super) fn adapt(cx: &Cx<'_>, docs: &PolicyDocs<'_>, out: &mut Sqs) {
    let parents = cx.resources("aws_sqs_queue");
    let mut queues: Vec<Queue> = parents
        .iter()
        .map(|res| {
            let node = Node::resource(res);
            // New queues get SSE-SQS unless a KMS key is configured instead.
            let kms_configured = node.has("kms_master_key_id");
            Queue {
                resource: resource_meta(res),
                sqs_managed_sse: node.bool("sqs_managed_sse_enabled", Some(!kms_configured)),
                kms_master_key_id: node.string("kms_master_key_id", Some("")),
                policies: node
                    .field("policy")
                    .map(|f| docs.read(f))
                    .into_iter()
                    .collect(),
            }
        })
        .collect();
    join_children(
        cx,
        parents,
        &[],
        &[("aws_sqs_queue_policy", ())],
        "queue_url",
        "queue",
        |i, (), res, known| {
            if let Some(q) = queues.get_mut(i) {
                q.policies.push(if known {
                    docs.read_attr(&Node::resource(res), "policy")
                } else {
                    Value::unknown(src(res.body.loc))
                });
                merged(&mut q.resource, res, known);
            }
        },
    );
    out.queues.extend(queues);
}
