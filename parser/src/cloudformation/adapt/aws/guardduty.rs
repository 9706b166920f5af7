//! `AWS::GuardDuty::Detector`.

use crate::cloudformation::adapt::{Cx, Obj, Reader, resource_meta};
use cloudsentinel_model::aws::guardduty::{Detector, GuardDuty};

pub(super) fn adapt(cx: &Cx<'_>, out: &mut GuardDuty) {
    for res in cx.resources("AWS::GuardDuty::Detector") {
        out.detectors.push(Detector {
            resource: resource_meta(res),
            // Required: no default.
            enabled: Obj::resource(res).bool("Enable", None),
        });
    }
}
