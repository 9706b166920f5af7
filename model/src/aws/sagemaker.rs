//! SageMaker notebook instances (<https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_CreateNotebookInstance.html>).

use crate::{ResourceMeta, Value};

#[derive(Debug, Default, Clone)]
pub struct SageMaker {
    pub notebooks: Vec<NotebookInstance>,
}

#[derive(Debug, Clone)]
pub struct NotebookInstance {
    pub resource: ResourceMeta,
    /// `DirectInternetAccess` is `Enabled`.
    pub direct_internet: Value<bool>,
    /// `RootAccess` is `Enabled`.
    pub root_access: Value<bool>,
}
