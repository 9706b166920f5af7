use crate::{ResourceMeta, Value};

#[derive(Debug, Default, Clone)]
pub struct DynamoDb {
    pub tables: Vec<Table>,
}

#[derive(Debug, Clone)]
pub struct Table {
    pub resource: ResourceMeta,
    pub point_in_time_recovery: Value<bool>,
}
