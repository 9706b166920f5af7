use crate::aws::iam::PolicyDocument;
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
    /// The queue's access policies: its `policy` attribute and the `aws_sqs_queue_policy`
    /// (`AWS::SQS::QueuePolicy`) resources that name it. Empty when it has none (only the
    /// owner account can then use it); an Unknown entry when one cannot be evaluated, or a
    /// policy resource could name this queue or another.
    pub policies: Vec<Value<PolicyDocument>>,
}
