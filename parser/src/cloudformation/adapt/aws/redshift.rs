//! `AWS::Redshift::Cluster`.

use crate::adapt::src;
use crate::cloudformation::adapt::{Cx, Obj, Reader, resource_meta};
use cloudsentinel_model::Value;
use cloudsentinel_model::aws::redshift::{
    Cluster, DEFAULT_AUDIT_LOGGING, DEFAULT_ENHANCED_VPC_ROUTING, Redshift,
};

pub(super) fn adapt(cx: &Cx<'_>, out: &mut Redshift) {
    for res in cx.resources("AWS::Redshift::Cluster") {
        let node = Obj::resource(res);
        let audit_logging = match node.child("LoggingProperties") {
            Some(l) if l.value.is_unknown() => Value::unknown(src(l.loc())),
            Some(l) => Value::explicit(true, src(l.loc())),
            None => Value::default_at(DEFAULT_AUDIT_LOGGING, src(node.loc())),
        };
        out.clusters.push(Cluster {
            resource: resource_meta(res),
            // Both defaults changed for clusters created since January 2025: not guessed.
            encrypted: node.bool("Encrypted", None),
            publicly_accessible: node.bool("PubliclyAccessible", None),
            audit_logging,
            enhanced_vpc_routing: node
                .bool("EnhancedVpcRouting", Some(DEFAULT_ENHANCED_VPC_ROUTING)),
        });
    }
}
