//! Data factories (<https://learn.microsoft.com/en-us/azure/templates/microsoft.datafactory/factories>).

use crate::{ResourceMeta, Value};

#[derive(Debug, Default, Clone)]
pub struct DataFactory {
    pub factories: Vec<Factory>,
}

#[derive(Debug, Clone)]
pub struct Factory {
    pub resource: ResourceMeta,
    /// `publicNetworkAccess` is `Enabled`.
    pub public_network_access: Value<bool>,
}
