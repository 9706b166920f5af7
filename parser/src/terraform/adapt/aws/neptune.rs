//! `aws_neptune_cluster`.

use crate::terraform::adapt::{Cx, Node, Reader, resource_meta};
use cloudsentinel_model::aws::neptune::{Cluster, Neptune};

pub(super) fn adapt(cx: &Cx<'_>, out: &mut Neptune) {
    for res in cx.resources("aws_neptune_cluster") {
        let node = Node::resource(res);
        // `storage_encrypted` defaults to false.
        out.clusters.push(Cluster {
            resource: resource_meta(res),
            storage_encrypted: node.bool("storage_encrypted", Some(false)),
        });
    }
}
