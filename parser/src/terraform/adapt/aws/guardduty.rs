//! `aws_guardduty_detector`.

use crate::terraform::adapt::{Cx, Node, Reader, resource_meta};
use cloudsentinel_model::aws::guardduty::{Detector, GuardDuty};

pub(super) fn adapt(cx: &Cx<'_>, out: &mut GuardDuty) {
    for res in cx.resources("aws_guardduty_detector") {
        let node = Node::resource(res);
        out.detectors.push(Detector {
            resource: resource_meta(res),
            // `enable` defaults to true.
            enabled: node.bool("enable", Some(true)),
        });
    }
}
