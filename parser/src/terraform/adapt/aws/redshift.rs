//! `aws_redshift_cluster`, with the logging resources (`aws_redshift_logging`) joined to it
//! through `cluster_identifier`, and the parameter group (`aws_redshift_parameter_group`)
//! its `cluster_parameter_group_name` names.

use crate::terraform::adapt::{
    Cx, Join, JoinIndex, Node, Reader, join_children, merged, resource_meta, src,
};
use cloudsentinel_model::Value;
use cloudsentinel_model::aws::redshift::{
    Cluster, DEFAULT_AUDIT_LOGGING, DEFAULT_ENHANCED_VPC_ROUTING, Redshift,
};

pub(super) fn adapt(cx: &Cx<'_>, out: &mut Redshift) {
    let clusters = cx.resources("aws_redshift_cluster");
    let first = out.clusters.len();
    let groups = cx.resources("aws_redshift_parameter_group");
    let group_index = JoinIndex::new(groups, &["name"]);
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
            require_ssl: match group_index.resolve(
                res.body
                    .attr("cluster_parameter_group_name")
                    .map(|a| &a.value),
                *res,
            ) {
                Join::One(i) => groups.get(i).map_or_else(
                    || Value::unknown(src(at)),
                    |g| require_ssl(&Node::resource(g)),
                ),
                _ => Value::unknown(src(at)),
            },
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

/// The `require_ssl` parameter a group sets; Unknown when it does not set it.
fn require_ssl(group: &Node<'_>) -> Value<bool> {
    group
        .children("parameter")
        .nodes
        .iter()
        .find(|p| p.string("name", None).eq_ignore_case("require_ssl"))
        .map_or_else(
            || Value::unknown(src(group.loc())),
            |p| p.bool("value", None),
        )
}
