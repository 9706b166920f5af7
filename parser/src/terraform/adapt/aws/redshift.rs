//! `aws_redshift_cluster`, with the logging resources (`aws_redshift_logging`) joined to it
//! through `cluster_identifier`.

use crate::terraform::adapt::{Cx, Node, Reader, join_children, merged, resource_meta, src};
use cloudsentinel_model::Value;
use cloudsentinel_model::aws::redshift::{
    Cluster, DEFAULT_AUDIT_LOGGING, DEFAULT_ENHANCED_VPC_ROUTING, Redshift,
};

pub(super) fn adapt(cx: &Cx<'_>, out: &mut Redshift) {
    let clusters = cx.resources("aws_redshift_cluster");
    let first = out.clusters.len();
    for res in clusters {
        let node = Node::resource(res);
        let at = node.loc();
        let logs = node.children("logging");
        let audit_logging = match logs.nodes.first() {
            Some(l) => l.bool("enable", None),
            None if logs.incomplete => Value::unknown(src(at)),
            None => Value::default_at(DEFAULT_AUDIT_LOGGING, src(at)),
        };
        out.clusters.push(Cluster {
            resource: resource_meta(res),
            // Both defaults changed (provider 6.0, AWS in January 2025): not guessed.
            encrypted: node.bool("encrypted", None),
            publicly_accessible: node.bool("publicly_accessible", None),
            audit_logging,
            enhanced_vpc_routing: node
                .bool("enhanced_vpc_routing", Some(DEFAULT_ENHANCED_VPC_ROUTING)),
        });
    }
    join_children(
        cx,
        clusters,
        &["cluster_identifier"],
        &[("aws_redshift_logging", ())],
        "cluster_identifier",
        "Redshift cluster",
        |i, (), child, known| {
            let Some(c) = out.clusters.get_mut(first + i) else {
                return;
            };
            if known {
                c.audit_logging = Value::explicit(true, src(child.body.loc));
            } else if !c.audit_logging.is_true() {
                c.audit_logging = Value::unknown(src(child.body.loc));
            }
            merged(&mut c.resource, child, known);
        },
    );
}
