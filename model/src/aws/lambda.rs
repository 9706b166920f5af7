use crate::{ResourceMeta, Value};

#[derive(Debug, Default, Clone)]
pub struct Lambda {
    pub permissions: Vec<Permission>,
}

#[derive(Debug, Clone)]
pub struct Permission {
    pub resource: ResourceMeta,
    pub principal: Value<String>,
    /// Empty when absent.
    pub source_arn: Value<String>,
    /// Empty when absent.
    pub source_account: Value<String>,
    /// Empty when absent.
    pub principal_org_id: Value<String>,
}
