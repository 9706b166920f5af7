//! `azurerm_data_factory`.

use crate::terraform::adapt::{Cx, Node, Reader, resource_meta};
use cloudsentinel_model::azure::datafactory::{DataFactory, Factory};

pub(super) fn adapt(cx: &Cx<'_>, out: &mut DataFactory) {
    for &res in cx.resources("azurerm_data_factory") {
        let node = Node::resource(res);
        out.factories.push(Factory {
            resource: resource_meta(res),
            // The provider's default: public network access on.
            public_network_access: node.bool("public_network_enabled", Some(true)),
        });
    }
}
