//! `dns.v1.managedZone`.

use super::{Cx, Nested, Obj, resource_meta};
use crate::adapt::{Reader, src};
use cloudsentinel_model::google::dns::{
    DEFAULT_DNSSEC_STATE, DEFAULT_VISIBILITY, Dns, KeySpec, ManagedZone,
};
use cloudsentinel_model::{Meta, Value};

const ZONE: [&str; 3] = [
    "dns.v1.managedZone",
    "gcp-types/dns-v1:managedZones",
    "dns.v1beta2.managedZone",
];

pub(super) fn adapt(cx: &Cx<'_>, out: &mut Dns) {
    for res in cx.resources(&ZONE) {
        let node = Obj::resource(res);
        let (dnssec_state, key_algorithms) = match node.obj("dnssecConfig") {
            Nested::Present(c) => (
                c.string("state", Some(DEFAULT_DNSSEC_STATE)),
                c.list("defaultKeySpecs")
                    .nodes
                    .iter()
                    .map(|k| KeySpec {
                        meta: Meta::explicit(src(k.loc)),
                        key_type: k.string("keyType", None),
                        algorithm: k.string("algorithm", None),
                    })
                    .collect(),
            ),
            Nested::Unknown(l) => (Value::unknown(src(l)), Vec::new()),
            Nested::Absent => (
                Value::default_at(DEFAULT_DNSSEC_STATE.to_string(), src(node.loc)),
                Vec::new(),
            ),
        };
        out.managed_zones.push(ManagedZone {
            resource: resource_meta(res),
            visibility: node.string("visibility", Some(DEFAULT_VISIBILITY)),
            dnssec_state,
            key_algorithms,
        });
    }
}
