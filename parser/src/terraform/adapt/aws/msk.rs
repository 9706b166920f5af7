//! `aws_msk_cluster`.

use crate::terraform::adapt::{Cx, Node, Reader, resource_meta, src};
use cloudsentinel_model::Value;
use cloudsentinel_model::aws::msk::{Cluster, Msk};

pub(super) fn adapt(cx: &Cx<'_>, out: &mut Msk) {
    for res in cx.resources("aws_msk_cluster") {
        let node = Node::resource(res);
        // `client_broker` defaults to TLS.
        let info = node.children("encryption_info");
        let client_broker = match info.nodes.first() {
            Some(i) => {
                let transit = i.children("encryption_in_transit");
                match transit.nodes.first() {
                    Some(t) => t.string("client_broker", Some("TLS")),
                    None if transit.incomplete => Value::unknown(src(i.loc())),
                    None => Value::default_at("TLS".to_string(), src(i.loc())),
                }
            }
            None if info.incomplete => Value::unknown(src(node.loc())),
            None => Value::default_at("TLS".to_string(), src(node.loc())),
        };
        out.clusters.push(Cluster {
            resource: resource_meta(res),
            client_broker,
        });
    }
}
