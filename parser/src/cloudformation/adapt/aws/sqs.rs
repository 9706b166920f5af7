//! `AWS::SQS::Queue` with the `AWS::SQS::QueuePolicy` resources joined through `Queues`.

use crate::adapt::src;
use crate::cloudformation::adapt::{Cx, Obj, Reader, join_children, merged, resource_meta};
use crate::policy::document_value;
use cloudsentinel_model::Value;
use cloudsentinel_model::aws::sqs::{Queue, Sqs};

pub(super) fn adapt(cx: &Cx<'_>, out: &mut Sqs) {
    let parents = cx.resources("AWS::SQS::Queue");
    let mut queues: Vec<Queue> = parents
        .iter()
        .map(|res| {
            let node = Obj::resource(res);
            // Queues created over HTTPS (as CloudFormation does) get SSE-SQS by default
            // since October 2022, unless a KMS key is configured instead.
            let kms_configured = node.has("KmsMasterKeyId");
            Queue {
                resource: resource_meta(res),
                sqs_managed_sse: node.bool("SqsManagedSseEnabled", Some(!kms_configured)),
                kms_master_key_id: node.string("KmsMasterKeyId", Some("")),
                policies: Vec::new(),
            }
        })
        .collect();
    join_children(
        cx,
        parents,
        &[],
        &[("AWS::SQS::QueuePolicy", ())],
        "Queues",
        "queue",
        |i, (), res, known| {
            if let Some(q) = queues.get_mut(i) {
                q.policies.push(policy_document(res, known));
                merged(&mut q.resource, res, known);
            }
        },
    );
    out.queues.extend(queues);
}

/// The `PolicyDocument` of a policy resource joined to its parent (`known`), else Unknown.
pub(super) fn policy_document(
    res: &crate::cloudformation::CfnResource,
    known: bool,
) -> Value<cloudsentinel_model::aws::iam::PolicyDocument> {
    policy_property(res, "PolicyDocument", known)
}

/// The policy property `prop` of a resource joined to its parent (`known`), else Unknown.
pub(super) fn policy_property(
    res: &crate::cloudformation::CfnResource,
    prop: &str,
    known: bool,
) -> Value<cloudsentinel_model::aws::iam::PolicyDocument> {
    match Obj::resource(res).field(prop) {
        Some(f) if known => document_value(f.value, f.loc, f.scope),
        _ => Value::unknown(src(res.loc)),
    }
}
