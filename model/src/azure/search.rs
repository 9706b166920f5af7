//! Azure AI Search services (<https://learn.microsoft.com/en-us/azure/templates/microsoft.search/searchservices>).

use crate::{ResourceMeta, Value};

#[derive(Debug, Default, Clone)]
pub struct Search {
    pub services: Vec<SearchService>,
}

#[derive(Debug, Clone)]
pub struct SearchService {
    pub resource: ResourceMeta,
    /// `publicNetworkAccess` is `enabled`.
    pub public_network_access: Value<bool>,
}
