use crate::aws::iam::PolicyDocument;
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
    /// The topic's access policies: its `policy` attribute and the `aws_sns_topic_policy`
    /// (`AWS::SNS::TopicPolicy`) resources that name it. Empty when it has none (SNS then
    /// applies its default policy, which admits the owner account only); an Unknown entry
    /// when one cannot be evaluated.
    pub policies: Vec<Value<PolicyDocument>>,
}
