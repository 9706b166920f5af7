//! `AWS::Logs::LogGroup`.

use crate::cloudformation::adapt::{Cx, Obj, Reader, resource_meta};
use cloudsentinel_model::aws::cloudwatch::{CloudWatch, LogGroup};

pub(super) fn adapt(cx: &Cx<'_>, out: &mut CloudWatch) {
    for res in cx.resources("AWS::Logs::LogGroup") {
        let node = Obj::resource(res);
        // No `RetentionInDays`: events are kept indefinitely.
        out.log_groups.push(LogGroup {
            resource: resource_meta(res),
            retention_days: node.int("RetentionInDays", Some(0)),
            kms_key_id: node.string("KmsKeyId", Some("")),
        });
    }
}
