//! Athena workgroups (<https://docs.aws.amazon.com/athena/latest/APIReference/API_CreateWorkGroup.html>).

use crate::{ResourceMeta, Value};

#[derive(Debug, Default, Clone)]
pub struct Athena {
    pub workgroups: Vec<WorkGroup>,
}

#[derive(Debug, Clone)]
pub struct WorkGroup {
    pub resource: ResourceMeta,
    /// Query results are encrypted (`ResultConfiguration.EncryptionConfiguration`).
    pub results_encrypted: Value<bool>,
}
