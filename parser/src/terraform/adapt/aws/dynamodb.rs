//! `aws_dynamodb_table` and `aws_dax_cluster`.

use crate::adapt::customer_managed_key;
use crate::terraform::adapt::{Cx, Node, Reader, resource_meta, src};
use cloudsentinel_model::Value;
use cloudsentinel_model::aws::dynamodb::{
    DEFAULT_DAX_SSE, DEFAULT_SSE_KMS, DaxCluster, DynamoDb, Table,
};

pub(super) fn adapt(cx: &Cx<'_>, out: &mut DynamoDb) {
    let keys = super::rds::customer_keys(cx);
    for res in cx.resources("aws_dynamodb_table") {
        let node = Node::resource(res);
        let at = node.loc();
        let pitr = node.children("point_in_time_recovery");
        let point_in_time_recovery = match pitr.nodes.first() {
            Some(p) => p.bool(
                "enabled",
                Some(cloudsentinel_model::aws::dynamodb::DEFAULT_POINT_IN_TIME_RECOVERY),
            ),
            None if pitr.incomplete => Value::unknown(src(node.loc())),
            None => Value::default_at(
                cloudsentinel_model::aws::dynamodb::DEFAULT_POINT_IN_TIME_RECOVERY,
                src(node.loc()),
            ),
        };
        let sse = node.children("server_side_encryption");
        let (sse_kms, customer_key) = match sse.nodes.first() {
            Some(s) => (
                s.bool("enabled", Some(DEFAULT_SSE_KMS)),
                customer_managed_key(s.field("kms_key_arn"), s.loc(), &keys),
            ),
            None if sse.incomplete => (Value::unknown(src(at)), Value::unknown(src(at))),
            None => (
                Value::default_at(DEFAULT_SSE_KMS, src(at)),
                Value::default_at(false, src(at)),
            ),
        };
        out.tables.push(Table {
            resource: resource_meta(res),
            point_in_time_recovery,
            sse_kms,
            customer_key,
        });
    }
    for res in cx.resources("aws_dax_cluster") {
        let node = Node::resource(res);
        let sse = node.children("server_side_encryption");
        let encrypted = match sse.nodes.first() {
            Some(s) => s.bool("enabled", Some(DEFAULT_DAX_SSE)),
            None if sse.incomplete => Value::unknown(src(node.loc())),
            None => Value::default_at(DEFAULT_DAX_SSE, src(node.loc())),
        };
        out.dax_clusters.push(DaxCluster {
            resource: resource_meta(res),
            encrypted,
        });
    }
}
