use crate::{ResourceMeta, Value};

#[derive(Debug, Default, Clone)]
pub struct Sqs {
    pub queues: Vec<Queue>,
}

#[derive(Debug, Clone)]
pub struct Queue {
    pub resource: ResourceMeta,
    pub sqs_managed_sse: Value<bool>,
    /// Empty when absent.
    pub kms_master_key_id: Value<String>,
}
