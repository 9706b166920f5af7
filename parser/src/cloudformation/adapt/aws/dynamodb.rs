//! `AWS::DynamoDB::Table` (and the tables SAM's `SimpleTable` becomes).

use crate::adapt::src;
use crate::cloudformation::adapt::{Cx, Obj, Reader, resource_meta};
use cloudsentinel_model::Value;
use cloudsentinel_model::aws::dynamodb::{DynamoDb, Table};

pub(super) fn adapt(cx: &Cx<'_>, out: &mut DynamoDb) {
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
        out.tables.push(Table {
            resource: resource_meta(res),
            point_in_time_recovery,
        });
    }
}
