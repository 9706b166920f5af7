//! GuardDuty detectors (<https://docs.aws.amazon.com/guardduty/latest/APIReference/API_CreateDetector.html>).

use crate::{ResourceMeta, Value};

#[derive(Debug, Default, Clone)]
pub struct GuardDuty {
    pub detectors: Vec<Detector>,
}

#[derive(Debug, Clone)]
pub struct Detector {
    pub resource: ResourceMeta,
    /// `Enable` (required in CloudFormation; `enable` defaults to true in Terraform).
    pub enabled: Value<bool>,
}
