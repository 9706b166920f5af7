//! `compute.v1.subnetwork`.

use super::{Cx, Nested, Obj, resource_meta};
use crate::adapt::{Reader, src};
use cloudsentinel_model::Value;
use cloudsentinel_model::google::network::{
    DEFAULT_FLOW_LOGS, DEFAULT_PURPOSE, Network, Subnetwork,
};

const SUBNETWORK: [&str; 4] = [
    "compute.v1.subnetwork",
    "compute.beta.subnetwork",
    "gcp-types/compute-v1:subnetworks",
    "gcp-types/compute-beta:subnetworks",
];

pub(super) fn adapt(cx: &Cx<'_>, out: &mut Network) {
    for res in cx.resources(&SUBNETWORK) {
        let node = Obj::resource(res);
        // `logConfig.enable` is the API's switch; `enableFlowLogs` its older one.
        let flow_logs = match node.obj("logConfig") {
            Nested::Present(l) if l.has("enable") => l.bool("enable", Some(DEFAULT_FLOW_LOGS)),
            Nested::Present(_) | Nested::Absent => {
                node.bool("enableFlowLogs", Some(DEFAULT_FLOW_LOGS))
            }
            Nested::Unknown(l) => Value::unknown(src(l)),
        };
        out.subnetworks.push(Subnetwork {
            resource: resource_meta(res),
            purpose: node.string("purpose", Some(DEFAULT_PURPOSE)),
            flow_logs,
        });
    }
}
