//! `azurerm_search_service`.

use crate::terraform::adapt::{Cx, Node, Reader, resource_meta};
use cloudsentinel_model::azure::search::{Search, SearchService};

pub(super) fn adapt(cx: &Cx<'_>, out: &mut Search) {
    for &res in cx.resources("azurerm_search_service") {
        let node = Node::resource(res);
        out.services.push(SearchService {
            resource: resource_meta(res),
            // The provider's default: public network access on.
            public_network_access: node.bool("public_network_access_enabled", Some(true)),
        });
    }
}
