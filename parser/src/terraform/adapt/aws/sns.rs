//! `aws_sns_topic` with the `aws_sns_topic_policy` resources joined through `arn`.

use super::iam_policy::PolicyDocs;
use crate::terraform::adapt::{Cx, Node, Reader, join_children, merged, resource_meta, src};
use cloudsentinel_model::Value;
use cloudsentinel_model::aws::sns::{Sns, Topic};

pub(super) fn adapt(cx: &Cx<'_>, docs: &PolicyDocs<'_>, out: &mut Sns) {
    let parents = cx.resources("aws_sns_topic");
    let mut topics: Vec<Topic> = parents
        .iter()
        .map(|res| {
            let node = Node::resource(res);
            Topic {
                resource: resource_meta(res),
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
        &[("aws_sns_topic_policy", ())],
        "arn",
        "topic",
        |i, (), res, known| {
            if let Some(t) = topics.get_mut(i) {
                t.policies.push(if known {
                    docs.read_attr(&Node::resource(res), "policy")
                } else {
                    Value::unknown(src(res.body.loc))
                });
                merged(&mut t.resource, res, known);
            }
        },
    );
    out.topics.extend(topics);
}
