//! Container registries (<https://learn.microsoft.com/en-us/azure/templates/microsoft.containerregistry/registries>).

use crate::{ResourceMeta, Value};

#[derive(Debug, Default, Clone)]
pub struct Acr {
    pub registries: Vec<Registry>,
}

#[derive(Debug, Clone)]
pub struct Registry {
    pub resource: ResourceMeta,
    /// `adminUserEnabled`.
    pub admin_user_enabled: Value<bool>,
    /// `publicNetworkAccess` is `Enabled`.
    pub public_network_access: Value<bool>,
    /// `anonymousPullEnabled`: anyone may pull images.
    pub anonymous_pull: Value<bool>,
}
