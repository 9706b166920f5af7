//! `aws_cloudwatch_log_group`.

use crate::terraform::adapt::{Cx, Node, Reader, resource_meta};
use cloudsentinel_model::aws::cloudwatch::{CloudWatch, LogGroup};

pub(super) fn adapt(cx: &Cx<'_>, out: &mut CloudWatch) {
    for res in cx.resources("aws_cloudwatch_log_group") {
        let node = Node::resource(res);
        // `retention_in_days` 0 (the default) keeps events indefinitely.
        out.log_groups.push(LogGroup {
            resource: resource_meta(res),
            retention_days: node.int("retention_in_days", Some(0)),
            kms_key_id: node.string("kms_key_id", Some("")),
        });
    }
}
