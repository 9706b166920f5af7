use crate::{ResourceMeta, Value};

/// Whether a trail that does not say records every region: no
/// (<https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_CreateTrail.html>).
pub const DEFAULT_MULTI_REGION: bool = false;

/// Log file integrity validation of a trail that does not say: off
/// (<https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_CreateTrail.html>).
pub const DEFAULT_LOG_FILE_VALIDATION: bool = false;

/// Whether a trail logs when Terraform's `enable_logging` is not set: yes
/// (<https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/cloudtrail#enable_logging-1>).
pub const DEFAULT_LOGGING: bool = true;

/// Whether a trail that does not say records events of global services (IAM, STS,
/// CloudFront): yes
/// (<https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_CreateTrail.html>).
pub const DEFAULT_GLOBAL_SERVICE_EVENTS: bool = true;

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
    /// Whether events of global services (IAM, STS, CloudFront) are recorded.
    pub global_service_events: Value<bool>,
}
