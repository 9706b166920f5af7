//! `azurerm_linux_virtual_machine`, `azurerm_linux_virtual_machine_scale_set` and the older
//! `azurerm_virtual_machine` with a Linux profile.

use super::in_block;
use crate::terraform::adapt::{Cx, Node, Reader, resource_meta};
use cloudsentinel_model::azure::compute::{Compute, LinuxVm, VirtualMachine};

pub(super) fn adapt(cx: &Cx<'_>, out: &mut Compute) {
    for rtype in [
        "azurerm_linux_virtual_machine",
        "azurerm_windows_virtual_machine",
        "azurerm_linux_virtual_machine_scale_set",
        "azurerm_windows_virtual_machine_scale_set",
    ] {
        for &res in cx.resources(rtype) {
            let node = Node::resource(res);
            out.vms.push(VirtualMachine {
                resource: resource_meta(res),
                // The provider's default: off.
                encryption_at_host: node.bool("encryption_at_host_enabled", Some(false)),
            });
        }
    }
    for rtype in [
        "azurerm_linux_virtual_machine",
        "azurerm_linux_virtual_machine_scale_set",
    ] {
        for &res in cx.resources(rtype) {
            let node = Node::resource(res);
            out.linux_vms.push(LinuxVm {
                resource: resource_meta(res),
                // The provider's default: password authentication disabled.
                password_auth_disabled: node.bool("disable_password_authentication", Some(true)),
            });
        }
    }
    for &res in cx.resources("azurerm_virtual_machine") {
        let node = Node::resource(res);
        // Only machines with a Linux profile; the setting is required inside it.
        let profile = node.children("os_profile_linux_config");
        if profile.nodes.is_empty() && !profile.incomplete {
            continue;
        }
        out.linux_vms.push(LinuxVm {
            resource: resource_meta(res),
            password_auth_disabled: in_block(&node, "os_profile_linux_config", false, |p| {
                p.bool("disable_password_authentication", None)
            }),
        });
    }
}
