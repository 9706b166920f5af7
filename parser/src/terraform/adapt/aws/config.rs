//! `aws_config_configuration_recorder_status`.

use crate::terraform::adapt::{Cx, Node, Reader, resource_meta};
use cloudsentinel_model::aws::config::{Config, RecorderStatus};

pub(super) fn adapt(cx: &Cx<'_>, out: &mut Config) {
    for res in cx.resources("aws_config_configuration_recorder_status") {
        let node = Node::resource(res);
        out.recorder_statuses.push(RecorderStatus {
            resource: resource_meta(res),
            // Required: no default.
            enabled: node.bool("is_enabled", None),
        });
    }
}
