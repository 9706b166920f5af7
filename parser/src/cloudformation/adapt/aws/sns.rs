//! `AWS::SNS::Topic`.

use crate::cloudformation::adapt::{Cx, Obj, Reader, resource_meta};
use cloudsentinel_model::aws::sns::{Sns, Topic};

pub(super) fn adapt(cx: &Cx<'_>, out: &mut Sns) {
    for res in cx.resources("AWS::SNS::Topic") {
        out.topics.push(Topic {
            resource: resource_meta(res),
            kms_master_key_id: Obj::resource(res).string("KmsMasterKeyId", Some("")),
        });
    }
}
