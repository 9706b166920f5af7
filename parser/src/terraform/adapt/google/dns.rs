//! `google_dns_managed_zone`.

use crate::terraform::adapt::{Cx, Node, Reader, resource_meta, src};
use cloudsentinel_model::google::dns::{
    DEFAULT_DNSSEC_STATE, DEFAULT_VISIBILITY, Dns, KeySpec, ManagedZone,
};
use cloudsentinel_model::{Meta, Value};

pub(super) fn adapt(cx: &Cx<'_>, out: &mut Dns) {
    for res in cx.resources("google_dns_managed_zone") {
        let node = Node::resource(res);
        let config = node.children("dnssec_config");
        let (dnssec_state, key_algorithms) = match config.nodes.first() {
            Some(c) => (
                c.string("state", Some(DEFAULT_DNSSEC_STATE)),
                c.children("default_key_specs")
                    .nodes
                    .iter()
                    .map(|k| KeySpec {
                        meta: Meta::explicit(src(k.loc())),
                        key_type: k.string("key_type", None),
                        algorithm: k.string("algorithm", None),
                    })
                    .collect(),
            ),
            None if config.incomplete => (Value::unknown(src(node.loc())), Vec::new()),
            None => (
                Value::default_at(DEFAULT_DNSSEC_STATE.to_string(), src(node.loc())),
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
