//! `google_compute_subnetwork`.

use crate::terraform::adapt::{Cx, Node, Reader, resource_meta, src};
use cloudsentinel_model::Value;
use cloudsentinel_model::google::network::{
    DEFAULT_FLOW_LOGS, DEFAULT_PURPOSE, Network, Subnetwork,
};

pub(super) fn adapt(cx: &Cx<'_>, out: &mut Network) {
    for res in cx.resources("google_compute_subnetwork") {
        let node = Node::resource(res);
        let log_config = node.children("log_config");
        // A `log_config` block turns flow logs on; `enable_flow_logs` is the provider's
        // older switch.
        let flow_logs = match log_config.nodes.first() {
            Some(l) => Value::explicit(true, src(l.loc())),
            None if log_config.incomplete => Value::unknown(src(node.loc())),
            None => node.bool("enable_flow_logs", Some(DEFAULT_FLOW_LOGS)),
        };
        out.subnetworks.push(Subnetwork {
            resource: resource_meta(res),
            purpose: node.string("purpose", Some(DEFAULT_PURPOSE)),
            flow_logs,
        });
    }
}
