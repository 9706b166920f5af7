//! `aws_sns_topic`.

use crate::terraform::adapt::{Cx, Node, Reader, resource_meta};
use cloudsentinel_model::aws::sns::{Sns, Topic};

pub(super) fn adapt(cx: &Cx<'_>, out: &mut Sns) {
    for res in cx.resources("aws_sns_topic") {
        out.topics.push(Topic {
            resource: resource_meta(res),
            kms_master_key_id: Node::resource(res).string("kms_master_key_id", Some("")),
        });
    }
}
