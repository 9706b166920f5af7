use crate::{ResourceMeta, Value};

/// Point-in-time recovery of a table that does not enable it: off
/// (<https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_PointInTimeRecoverySpecification.html>).
pub const DEFAULT_POINT_IN_TIME_RECOVERY: bool = false;

#[derive(Debug, Default, Clone)]
pub struct DynamoDb {
    pub tables: Vec<Table>,
}

#[derive(Debug, Clone)]
pub struct Table {
    pub resource: ResourceMeta,
    pub point_in_time_recovery: Value<bool>,
}
