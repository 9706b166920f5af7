//! `azurerm_container_registry`.

use crate::terraform::adapt::{Cx, Node, Reader, resource_meta};
use cloudsentinel_model::azure::acr::{Acr, Registry};

pub(super) fn adapt(cx: &Cx<'_>, out: &mut Acr) {
    for &res in cx.resources("azurerm_container_registry") {
        let node = Node::resource(res);
        out.registries.push(Registry {
            resource: resource_meta(res),
            // The provider's default: the admin user is off.
            admin_user_enabled: node.bool("admin_enabled", Some(false)),
            public_network_access: node.bool("public_network_access_enabled", Some(true)),
            anonymous_pull: node.bool("anonymous_pull_enabled", Some(false)),
        });
    }
}
