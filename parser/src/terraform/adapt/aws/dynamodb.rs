//! `aws_dynamodb_table`.

use crate::terraform::adapt::{Cx, Node, Reader, resource_meta, src};
use cloudsentinel_model::Value;
use cloudsentinel_model::aws::dynamodb::{DynamoDb, Table};

pub(super) fn adapt(cx: &Cx<'_>, out: &mut DynamoDb) {
    for res in cx.resources("aws_dynamodb_table") {
        let node = Node::resource(res);
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
        out.tables.push(Table {
            resource: resource_meta(res),
            point_in_time_recovery,
        });
    }
}
