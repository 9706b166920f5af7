//! SageMaker notebook instances and domains (<https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_CreateNotebookInstance.html>,
//! <https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_CreateDomain.html>).

use crate::{ResourceMeta, Value};

#[derive(Debug, Default, Clone)]
pub struct SageMaker {
    pub notebooks: Vec<NotebookInstance>,
    pub domains: Vec<Domain>,
}

#[derive(Debug, Clone)]
pub struct NotebookInstance {
    pub resource: ResourceMeta,
    /// `DirectInternetAccess` is `Enabled`.
    pub direct_internet: Value<bool>,
    /// `RootAccess` is `Enabled`.
    pub root_access: Value<bool>,
    /// `KmsKeyId` encrypting the ML storage volume; Default `""`: the AWS managed key.
    pub kms_key_id: Value<String>,
}

/// A SageMaker (Studio) domain.
#[derive(Debug, Clone)]
pub struct Domain {
    pub resource: ResourceMeta,
    /// `AppNetworkAccessType`: `PublicInternetOnly` (the default) or `VpcOnly`.
    pub app_network_access_type: Value<String>,
}
