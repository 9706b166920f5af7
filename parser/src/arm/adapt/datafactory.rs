//! `Microsoft.DataFactory/factories`.

use super::{Cx, props, resource_meta};
use cloudsentinel_model::azure::datafactory::{DataFactory, Factory};

pub(super) fn adapt(cx: &Cx<'_>, out: &mut DataFactory) {
    for &r in cx.resources("Microsoft.DataFactory/factories") {
        out.factories.push(Factory {
            resource: resource_meta(r),
            // `publicNetworkAccess` unset: Enabled.
            public_network_access: props(r).enabled("publicNetworkAccess", Some(true)),
        });
    }
}
