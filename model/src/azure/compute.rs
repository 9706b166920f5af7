//! Virtual machines (<https://learn.microsoft.com/en-us/azure/templates/microsoft.compute/virtualmachines>).

use crate::{ResourceMeta, Value};

#[derive(Debug, Default, Clone)]
pub struct Compute {
    pub linux_vms: Vec<LinuxVm>,
    /// Every virtual machine and scale set, Linux or Windows.
    pub vms: Vec<VirtualMachine>,
}

#[derive(Debug, Clone)]
pub struct VirtualMachine {
    pub resource: ResourceMeta,
    /// `securityProfile.encryptionAtHost`: temporary disks and caches are encrypted too.
    pub encryption_at_host: Value<bool>,
}

/// A Linux virtual machine or scale set.
#[derive(Debug, Clone)]
pub struct LinuxVm {
    pub resource: ResourceMeta,
    /// `osProfile.linuxConfiguration.disablePasswordAuthentication`.
    pub password_auth_disabled: Value<bool>,
}
