use crate::{ResourceMeta, Value};

#[derive(Debug, Default, Clone)]
pub struct Sns {
    pub topics: Vec<Topic>,
}

#[derive(Debug, Clone)]
pub struct Topic {
    pub resource: ResourceMeta,
    /// Empty when absent.
    pub kms_master_key_id: Value<String>,
}
