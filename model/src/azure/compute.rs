//! Virtual machines (<https://learn.microsoft.com/en-us/azure/templates/microsoft.compute/virtualmachines>).

use crate::{ResourceMeta, Value};

#[derive(Debug, Default, Clone)]
pub struct Compute {
    pub linux_vms: Vec<LinuxVm>,
}

/// A Linux virtual machine or scale set.
#[derive(Debug, Clone)]
pub struct LinuxVm {
    pub resource: ResourceMeta,
    /// `osProfile.linuxConfiguration.disablePasswordAuthentication`.
    pub password_auth_disabled: Value<bool>,
}
