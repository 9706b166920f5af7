//! `Microsoft.Compute/virtualMachines` and `virtualMachineScaleSets`.

use super::{Cx, Nested, Obj, props, resource_meta};
use crate::adapt::{Reader, src};
use cloudsentinel_model::Value;
use cloudsentinel_model::azure::compute::{Compute, LinuxVm, VirtualMachine};

pub(super) fn adapt(cx: &Cx<'_>, out: &mut Compute) {
    for (rtype, scale_set) in [
        ("Microsoft.Compute/virtualMachines", false),
        ("Microsoft.Compute/virtualMachineScaleSets", true),
    ] {
        for &r in cx.resources(rtype) {
            let p = props(r);
            let profile = if scale_set {
                match p.obj("virtualMachineProfile") {
                    Nested::Present(v) => v,
                    _ => p,
                }
            } else {
                p
            };
            // `securityProfile.encryptionAtHost` defaults to false.
            out.vms.push(VirtualMachine {
                resource: resource_meta(r),
                encryption_at_host: profile.nested("securityProfile", false, |s| {
                    s.bool("encryptionAtHost", Some(false))
                }),
            });
            if let Some(disabled) = linux_password_setting(&profile) {
                out.linux_vms.push(LinuxVm {
                    resource: resource_meta(r),
                    password_auth_disabled: disabled,
                });
            }
        }
    }
}

/// `osProfile.linuxConfiguration.disablePasswordAuthentication` of a Linux machine (false
/// when unset); `None` for a machine with no Linux configuration.
fn linux_password_setting(profile: &Obj<'_>) -> Option<Value<bool>> {
    match profile.obj("osProfile") {
        Nested::Present(os) => match os.obj("linuxConfiguration") {
            Nested::Present(l) => Some(l.bool("disablePasswordAuthentication", Some(false))),
            Nested::Unknown(at) => Some(Value::unknown(src(at))),
            Nested::Absent => None,
        },
        _ => None,
    }
}
