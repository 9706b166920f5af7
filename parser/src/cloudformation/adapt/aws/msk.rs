//! `AWS::MSK::Cluster`.

use crate::adapt::src;
use crate::cloudformation::adapt::{Cx, Obj, Reader, resource_meta};
use cloudsentinel_model::Value;
use cloudsentinel_model::aws::msk::{Cluster, Msk};

pub(super) fn adapt(cx: &Cx<'_>, out: &mut Msk) {
    for res in cx.resources("AWS::MSK::Cluster") {
        let node = Obj::resource(res);
        // `ClientBroker` defaults to TLS.
        let transit = node
            .child("EncryptionInfo")
            .and_then(|i| i.child("EncryptionInTransit"));
        let client_broker = match transit {
            Some(t) => t.string("ClientBroker", Some("TLS")),
            None if node
                .field("EncryptionInfo")
                .is_some_and(|f| f.value.is_unknown()) =>
            {
                Value::unknown(src(node.loc()))
            }
            None => Value::default_at("TLS".to_string(), src(node.loc())),
        };
        out.clusters.push(Cluster {
            resource: resource_meta(res),
            client_broker,
        });
    }
}
