//! `Microsoft.Search/searchServices`.

use super::{Cx, props, resource_meta};
use cloudsentinel_model::azure::search::{Search, SearchService};

pub(super) fn adapt(cx: &Cx<'_>, out: &mut Search) {
    for &r in cx.resources("Microsoft.Search/searchServices") {
        out.services.push(SearchService {
            resource: resource_meta(r),
            // `publicNetworkAccess` unset: enabled.
            public_network_access: props(r).enabled("publicNetworkAccess", Some(true)),
        });
    }
}
