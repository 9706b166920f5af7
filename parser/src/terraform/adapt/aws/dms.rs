//! `aws_dms_replication_instance`.

use crate::terraform::adapt::{Cx, Node, Reader, resource_meta};
use cloudsentinel_model::aws::dms::{Dms, ReplicationInstance};

pub(super) fn adapt(cx: &Cx<'_>, out: &mut Dms) {
    for res in cx.resources("aws_dms_replication_instance") {
        let node = Node::resource(res);
        // The provider's default: not publicly accessible.
        out.replication_instances.push(ReplicationInstance {
            resource: resource_meta(res),
            publicly_accessible: node.bool("publicly_accessible", Some(false)),
        });
    }
}
