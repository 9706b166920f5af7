//! `AWS::DocDB::DBCluster`.

use crate::cloudformation::adapt::{Cx, Obj, Reader, resource_meta};
use cloudsentinel_model::aws::docdb::{Cluster, DocDb};

pub(super) fn adapt(cx: &Cx<'_>, out: &mut DocDb) {
    for res in cx.resources("AWS::DocDB::DBCluster") {
        let node = Obj::resource(res);
        // `StorageEncrypted` defaults to false.
        out.clusters.push(Cluster {
            resource: resource_meta(res),
            storage_encrypted: node.bool("StorageEncrypted", Some(false)),
        });
    }
}
