//! `AWS::EMR::Cluster` and `AWS::EMR::SecurityConfiguration`. (The account's block public
//! access setting has no resource type.)

use crate::adapt::{as_bool, json_object, src};
use crate::cloudformation::adapt::{Cx, Obj, Reader, resource_meta};
use crate::dynvalue::Dyn;
use cloudsentinel_model::aws::emr::{Cluster, Emr, SecurityConfiguration};
use cloudsentinel_model::{Location, Value};

pub(super) fn adapt(cx: &Cx<'_>, out: &mut Emr) {
    for res in cx.resources("AWS::EMR::Cluster") {
        let node = Obj::resource(res);
        out.clusters.push(Cluster {
            resource: resource_meta(res),
            security_configuration: node.string("SecurityConfiguration", Some("")),
        });
    }
    for res in cx.resources("AWS::EMR::SecurityConfiguration") {
        let node = Obj::resource(res);
        let (at_rest, in_transit) = match node.field("SecurityConfiguration") {
            Some(f) => encryption_flags(f.value, f.loc),
            None => (
                Value::unknown(src(node.loc())),
                Value::unknown(src(node.loc())),
            ),
        };
        out.security_configurations.push(SecurityConfiguration {
            resource: resource_meta(res),
            at_rest,
            in_transit,
        });
    }
}

/// `EncryptionConfiguration.EnableAtRestEncryption` and `EnableInTransitEncryption` of a
/// security configuration document, both located at the attribute (`at`); false when
/// absent (EMR's default), Unknown when the document is not known entirely.
fn encryption_flags(config: &Dyn, at: Location) -> (Value<bool>, Value<bool>) {
    let Some(doc) = json_object(config) else {
        return (Value::unknown(src(at)), Value::unknown(src(at)));
    };
    let flag = |name: &str| match doc.get("EncryptionConfiguration").and_then(|e| e.get(name)) {
        None => Value::default_at(false, src(at)),
        Some(v) => match as_bool(v) {
            Some(b) => Value::explicit(b, src(at)),
            None => Value::unknown(src(at)),
        },
    };
    (
        flag("EnableAtRestEncryption"),
        flag("EnableInTransitEncryption"),
    )
}
