//! `AWS::Redshift::Cluster`, with the parameter group (`AWS::Redshift::ClusterParameterGroup`)
//! its `ClusterParameterGroupName` names.

use crate::adapt::src;
use crate::cloudformation::adapt::{Cx, Join, JoinIndex, Obj, Reader, resource_meta};
use cloudsentinel_model::Value;
use cloudsentinel_model::aws::redshift::{
    Cluster, DEFAULT_AUDIT_LOGGING, DEFAULT_ENHANCED_VPC_ROUTING, Redshift,
};

pub(super) fn adapt(cx: &Cx<'_>, out: &mut Redshift) {
    let groups = cx.resources("AWS::Redshift::ClusterParameterGroup");
    let group_index = JoinIndex::new(groups, &["ParameterGroupName"]);
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
            require_ssl: match group_index.resolve(res.props.get("ClusterParameterGroupName"), *res)
            {
                Join::One(i) => groups.get(i).map_or_else(
                    || Value::unknown(src(node.loc())),
                    |g| require_ssl(&Obj::resource(g)),
                ),
                _ => Value::unknown(src(node.loc())),
            },
        });
    }
}

/// The `require_ssl` parameter a group sets; Unknown when it does not set it (or its
/// parameters cannot be evaluated).
fn require_ssl(group: &Obj<'_>) -> Value<bool> {
    group
        .children("Parameters")
        .nodes
        .iter()
        .find(|p| {
            p.string("ParameterName", None)
                .eq_ignore_case("require_ssl")
        })
        .map_or_else(
            || Value::unknown(src(group.loc())),
            |p| p.bool("ParameterValue", None),
        )
}
