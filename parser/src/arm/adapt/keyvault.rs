//! `Microsoft.KeyVault/vaults` with their keys and secrets.

use super::{Cx, props, resource_meta};
use crate::adapt::{Reader, src};
use cloudsentinel_model::Value;
use cloudsentinel_model::azure::keyvault::{ItemKind, KeyVault, KeyVaults, VaultItem};

pub(super) fn adapt(cx: &Cx<'_>, out: &mut KeyVaults) {
    for &r in cx.resources("Microsoft.KeyVault/vaults") {
        let p = props(r);
        let network_default_action = match p.obj("networkAcls") {
            super::Nested::Present(n) => n.string("defaultAction", None).map(Some),
            super::Nested::Unknown(at) => Value::unknown(src(at)),
            super::Nested::Absent => Value::default_at(None, src(p.loc)),
        };
        out.vaults.push(KeyVault {
            resource: resource_meta(r),
            // `enablePurgeProtection` unset: off. `publicNetworkAccess` unset: enabled.
            purge_protection: p.bool("enablePurgeProtection", Some(false)),
            network_default_action,
            public_network_access: p.enabled("publicNetworkAccess", Some(true)),
            // `enableRbacAuthorization` unset means access policies ("false by default").
            rbac_authorization: p.bool("enableRbacAuthorization", Some(false)),
        });
    }
    for (rtype, kind) in [
        ("Microsoft.KeyVault/vaults/keys", ItemKind::Key),
        ("Microsoft.KeyVault/vaults/secrets", ItemKind::Secret),
    ] {
        for &r in cx.resources(rtype) {
            let p = props(r);
            let expiration = p.nested("attributes", None, |a| match a.field("exp") {
                Some(_) => a.string("exp", None).map(Some),
                None => Value::default_at(None, src(a.loc)),
            });
            // A key rotates automatically with a rotation policy whose lifetime actions
            // include `Rotate`.
            let auto_rotation = match p.obj("rotationPolicy") {
                super::Nested::Present(rp) => {
                    let actions = rp.list("lifetimeActions");
                    if actions.incomplete {
                        Value::unknown(src(rp.loc))
                    } else {
                        let rotate = actions.nodes.iter().any(|a| match a.obj("action") {
                            super::Nested::Present(x) => x
                                .string("type", None)
                                .as_str()
                                .is_some_and(|t| t.eq_ignore_ascii_case("rotate")),
                            _ => false,
                        });
                        Value::explicit(rotate, src(rp.loc))
                    }
                }
                super::Nested::Unknown(at) => Value::unknown(src(at)),
                super::Nested::Absent => Value::default_at(false, src(r.location)),
            };
            let expiration = if expiration.known() == Some(&None) && auto_rotation.is_true() {
                // Rotation policies carry their own expiry (`attributes.expiryTime`).
                Value::unknown(src(r.location))
            } else {
                expiration
            };
            out.items.push(VaultItem {
                resource: resource_meta(r),
                kind,
                expiration,
                auto_rotation,
            });
        }
    }
}
