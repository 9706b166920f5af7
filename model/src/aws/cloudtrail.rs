use crate::{ResourceMeta, Value};

#[derive(Debug, Default, Clone)]
pub struct CloudTrail {
    pub trails: Vec<Trail>,
}

#[derive(Debug, Clone)]
pub struct Trail {
    pub resource: ResourceMeta,
    pub multi_region: Value<bool>,
    pub log_file_validation: Value<bool>,
    /// Empty when the logs are not KMS-encrypted.
    pub kms_key_id: Value<String>,
    /// Whether the trail is recording (Terraform `enable_logging`, CloudFormation
    /// `IsLogging`, live GetTrailStatus `IsLogging`).
    pub logging: Value<bool>,
}
