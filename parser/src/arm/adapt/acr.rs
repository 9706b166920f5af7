//! `Microsoft.ContainerRegistry/registries`.

use super::{Cx, props, resource_meta};
use crate::adapt::Reader;
use cloudsentinel_model::azure::acr::{Acr, Registry};

pub(super) fn adapt(cx: &Cx<'_>, out: &mut Acr) {
    for &r in cx.resources("Microsoft.ContainerRegistry/registries") {
        let p = props(r);
        // Defaults: admin user off, public network access Enabled, anonymous pull off.
        out.registries.push(Registry {
            resource: resource_meta(r),
            admin_user_enabled: p.bool("adminUserEnabled", Some(false)),
            public_network_access: p.enabled("publicNetworkAccess", Some(true)),
            anonymous_pull: p.bool("anonymousPullEnabled", Some(false)),
        });
    }
}
