//! `Microsoft.Insights/logprofiles`.

use super::{Cx, props, resource_meta};
use crate::adapt::Reader;
use cloudsentinel_model::azure::monitor::{LogProfile, Monitor};

pub(super) fn adapt(cx: &Cx<'_>, out: &mut Monitor) {
    for &r in cx.resources("Microsoft.Insights/logprofiles") {
        let p = props(r);
        out.log_profiles.push(LogProfile {
            resource: resource_meta(r),
            retention_enabled: p.nested("retentionPolicy", false, |rp| rp.bool("enabled", None)),
            retention_days: p.nested("retentionPolicy", 0, |rp| rp.int("days", Some(0))),
            categories: p.strings("categories").unwrap_or_default(),
        });
    }
}
