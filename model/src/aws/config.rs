//! AWS Config recorders (<https://docs.aws.amazon.com/config/latest/APIReference/API_StartConfigurationRecorder.html>).

use crate::{ResourceMeta, Value};

#[derive(Debug, Default, Clone)]
pub struct Config {
    pub recorder_statuses: Vec<RecorderStatus>,
}

/// `aws_config_configuration_recorder_status` (Terraform only: CloudFormation has no
/// resource type or property that starts or stops a recorder).
#[derive(Debug, Clone)]
pub struct RecorderStatus {
    pub resource: ResourceMeta,
    /// `is_enabled` (required).
    pub enabled: Value<bool>,
}
