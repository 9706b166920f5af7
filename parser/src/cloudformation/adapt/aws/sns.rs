//! `AWS::SNS::Topic` with the `AWS::SNS::TopicPolicy` (through `Topics`) and
//! `AWS::SNS::TopicInlinePolicy` (through `TopicArn`) resources joined to it.

use super::sqs::policy_document;
use crate::cloudformation::adapt::{Cx, Obj, Reader, join_children, merged, resource_meta};
use cloudsentinel_model::aws::sns::{Sns, Topic};

pub(super) fn adapt(cx: &Cx<'_>, out: &mut Sns) {
    let parents = cx.resources("AWS::SNS::Topic");
    let mut topics: Vec<Topic> = parents
        .iter()
        .map(|res| Topic {
            resource: resource_meta(res),
            kms_master_key_id: Obj::resource(res).string("KmsMasterKeyId", Some("")),
            policies: Vec::new(),
        })
        .collect();
    for (rtype, prop) in [
        ("AWS::SNS::TopicPolicy", "Topics"),
        ("AWS::SNS::TopicInlinePolicy", "TopicArn"),
    ] {
        join_children(
            cx,
            parents,
            &[],
            &[(rtype, ())],
            prop,
            "topic",
            |i, (), res, known| {
                if let Some(t) = topics.get_mut(i) {
                    t.policies.push(policy_document(res, known));
                    merged(&mut t.resource, res, known);
                }
            },
        );
    }
    out.topics.extend(topics);
}
