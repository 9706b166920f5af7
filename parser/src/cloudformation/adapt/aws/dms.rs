//! `AWS::DMS::ReplicationInstance`.

use crate::cloudformation::adapt::{Cx, Obj, Reader, resource_meta};
use cloudsentinel_model::aws::dms::{Dms, ReplicationInstance};

pub(super) fn adapt(cx: &Cx<'_>, out: &mut Dms) {
    for res in cx.resources("AWS::DMS::ReplicationInstance") {
        let node = Obj::resource(res);
        // The API's default: publicly accessible.
        out.replication_instances.push(ReplicationInstance {
            resource: resource_meta(res),
            publicly_accessible: node.bool("PubliclyAccessible", Some(true)),
        });
    }
}
