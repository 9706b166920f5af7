//! `AWS::DynamoDB::Table` (and the tables SAM's `SimpleTable` becomes) and `AWS::DAX::Cluster`.

use crate::adapt::{customer_managed_key, src};
use crate::cloudformation::adapt::{Cx, Obj, Reader, resource_meta};
use cloudsentinel_model::Value;
use cloudsentinel_model::aws::dynamodb::{
    DEFAULT_DAX_SSE, DEFAULT_SSE_KMS, DaxCluster, DynamoDb, Table,
};

pub(super) fn adapt(cx: &Cx<'_>, out: &mut DynamoDb) {
    let keys = super::rds::customer_keys(cx);
    for res in cx.resources("AWS::DynamoDB::Table") {
        let node = Obj::resource(res);
        let point_in_time_recovery = match node.child("PointInTimeRecoverySpecification") {
            Some(p) => p.bool(
                "PointInTimeRecoveryEnabled",
                Some(cloudsentinel_model::aws::dynamodb::DEFAULT_POINT_IN_TIME_RECOVERY),
            ),
            None => Value::default_at(
                cloudsentinel_model::aws::dynamodb::DEFAULT_POINT_IN_TIME_RECOVERY,
                src(node.loc()),
            ),
        };
        let (sse_kms, customer_key) = match node.child("SSESpecification") {
            Some(s) => (
                s.bool("SSEEnabled", Some(DEFAULT_SSE_KMS)),
                customer_managed_key(s.field("KMSMasterKeyId"), s.loc(), &keys),
            ),
            None => (
                Value::default_at(DEFAULT_SSE_KMS, src(node.loc())),
                Value::default_at(false, src(node.loc())),
            ),
        };
        out.tables.push(Table {
            resource: resource_meta(res),
            point_in_time_recovery,
            sse_kms,
            customer_key,
        });
    }
    for res in cx.resources("AWS::DAX::Cluster") {
        let node = Obj::resource(res);
        let encrypted = match node.child("SSESpecification") {
            Some(s) => s.bool("SSEEnabled", Some(DEFAULT_DAX_SSE)),
            None => Value::default_at(DEFAULT_DAX_SSE, src(node.loc())),
        };
        out.dax_clusters.push(DaxCluster {
            resource: resource_meta(res),
            encrypted,
        });
    }
}
