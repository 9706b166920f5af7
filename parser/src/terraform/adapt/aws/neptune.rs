//! `aws_neptune_cluster`.

use crate::adapt::list_contains;
use crate::terraform::adapt::{Cx, Node, Reader, resource_meta};
use cloudsentinel_model::aws::neptune::{Cluster, DEFAULT_IAM_AUTH, Neptune};

pub(super) fn adapt(cx: &Cx<'_>, out: &mut Neptune) {
    for res in cx.resources("aws_neptune_cluster") {
        let node = Node::resource(res);
        // `storage_encrypted` defaults to false.
        out.clusters.push(Cluster {
            resource: resource_meta(res),
            storage_encrypted: node.bool("storage_encrypted", Some(false)),
            iam_auth: node.bool(
                "iam_database_authentication_enabled",
                Some(DEFAULT_IAM_AUTH),
            ),
            audit_log_export: list_contains(
                node.field("enable_cloudwatch_logs_exports"),
                node.loc(),
                &["audit"],
            ),
        });
    }
}
