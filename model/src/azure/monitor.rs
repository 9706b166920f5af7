//! Activity log profiles (<https://learn.microsoft.com/en-us/azure/templates/microsoft.insights/logprofiles>).

use crate::{ResourceMeta, Value};

#[derive(Debug, Default, Clone)]
pub struct Monitor {
    pub log_profiles: Vec<LogProfile>,
}

#[derive(Debug, Clone)]
pub struct LogProfile {
    pub resource: ResourceMeta,
    /// `retentionPolicy.enabled`: when off, logs are kept indefinitely.
    pub retention_enabled: Value<bool>,
    /// `retentionPolicy.days`; 0 keeps logs indefinitely.
    pub retention_days: Value<i64>,
    /// `categories`: `Write`, `Delete`, `Action`.
    pub categories: Vec<Value<String>>,
}
