//! `aws_emr_cluster`, `aws_emr_security_configuration` (its JSON `configuration`) and
//! `aws_emr_block_public_access_configuration`.

use crate::adapt::{as_bool, json_object};
use crate::dynvalue::Dyn;
use crate::terraform::adapt::{Cx, Node, Reader, resource_meta, src};
use cloudsentinel_model::aws::emr::{BlockPublicAccess, Cluster, Emr, SecurityConfiguration};
use cloudsentinel_model::{Location, Value};

pub(super) fn adapt(cx: &Cx<'_>, out: &mut Emr) {
    for res in cx.resources("aws_emr_cluster") {
        let node = Node::resource(res);
        out.clusters.push(Cluster {
            resource: resource_meta(res),
            security_configuration: node.string("security_configuration", Some("")),
        });
    }
    for res in cx.resources("aws_emr_security_configuration") {
        let node = Node::resource(res);
        let (at_rest, in_transit) = match node.field("configuration") {
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
    for res in cx.resources("aws_emr_block_public_access_configuration") {
        let node = Node::resource(res);
        out.block_public_access.push(BlockPublicAccess {
            resource: resource_meta(res),
            enabled: node.bool("block_public_security_group_rules", None),
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
