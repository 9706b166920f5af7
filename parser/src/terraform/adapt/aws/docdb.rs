//! `aws_docdb_cluster`.

use crate::terraform::adapt::{Cx, Node, Reader, resource_meta};
use cloudsentinel_model::aws::docdb::{Cluster, DocDb};

pub(super) fn adapt(cx: &Cx<'_>, out: &mut DocDb) {
    for res in cx.resources("aws_docdb_cluster") {
        let node = Node::resource(res);
        // `storage_encrypted` defaults to false.
        out.clusters.push(Cluster {
            resource: resource_meta(res),
            storage_encrypted: node.bool("storage_encrypted", Some(false)),
        });
    }
}
