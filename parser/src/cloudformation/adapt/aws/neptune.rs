//! `AWS::Neptune::DBCluster`.

use crate::adapt::list_contains;
use crate::cloudformation::adapt::{Cx, Obj, Reader, resource_meta};
use cloudsentinel_model::aws::neptune::{Cluster, DEFAULT_IAM_AUTH, Neptune};

pub(super) fn adapt(cx: &Cx<'_>, out: &mut Neptune) {
    for res in cx.resources("AWS::Neptune::DBCluster") {
        let node = Obj::resource(res);
        // `StorageEncrypted` defaults to false.
        out.clusters.push(Cluster {
            resource: resource_meta(res),
            storage_encrypted: node.bool("StorageEncrypted", Some(false)),
            iam_auth: node.bool("IamAuthEnabled", Some(DEFAULT_IAM_AUTH)),
            audit_log_export: list_contains(
                node.field("EnableCloudwatchLogsExports"),
                node.loc(),
                &["audit"],
            ),
        });
    }
}
