//! `azurerm_monitor_log_profile`.

use super::in_block;
use crate::terraform::adapt::{Cx, Node, Reader, resource_meta};
use cloudsentinel_model::azure::monitor::{LogProfile, Monitor};

pub(super) fn adapt(cx: &Cx<'_>, out: &mut Monitor) {
    for &res in cx.resources("azurerm_monitor_log_profile") {
        let node = Node::resource(res);
        // `retention_policy` is required; `days` defaults to 0 (keep indefinitely).
        out.log_profiles.push(LogProfile {
            resource: resource_meta(res),
            retention_enabled: in_block(&node, "retention_policy", false, |p| {
                p.bool("enabled", None)
            }),
            retention_days: in_block(&node, "retention_policy", 0, |p| p.int("days", Some(0))),
            categories: node.strings("categories").unwrap_or_default(),
        });
    }
}
