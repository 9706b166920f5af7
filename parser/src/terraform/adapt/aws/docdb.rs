//! `aws_docdb_cluster`, with the cluster parameter group (`aws_docdb_cluster_parameter_group`)
//! its `db_cluster_parameter_group_name` names.

use crate::adapt::list_contains;
use crate::terraform::adapt::{Cx, Join, JoinIndex, Node, Reader, merge_into, resource_meta, src};
use cloudsentinel_model::Value;
use cloudsentinel_model::aws::docdb::{Cluster, DEFAULT_TLS, DocDb};

pub(super) fn adapt(cx: &Cx<'_>, out: &mut DocDb) {
    let groups = cx.resources("aws_docdb_cluster_parameter_group");
    let index = JoinIndex::new(groups, &["name"]);
    for res in cx.resources("aws_docdb_cluster") {
        let node = Node::resource(res);
        let mut resource = resource_meta(res);
        let attr = "db_cluster_parameter_group_name";
        let tls = match index.resolve(res.body.attr(attr).map(|a| &a.value), res) {
            // The default parameter group.
            Join::Absent => Value::default_at(DEFAULT_TLS.to_string(), src(node.loc())),
            Join::One(i) => match groups.get(i) {
                Some(g) => {
                    merge_into(&mut resource, g);
                    group_tls(&Node::resource(g))
                }
                None => Value::unknown(src(node.loc())),
            },
            Join::Missing(name) if name.starts_with("default.") => {
                node.string(attr, None).map(|_| DEFAULT_TLS.to_string())
            }
            Join::Missing(_) | Join::Unknown => Value::unknown(src(node.loc())),
        };
        // `storage_encrypted` defaults to false.
        out.clusters.push(Cluster {
            resource,
            storage_encrypted: node.bool("storage_encrypted", Some(false)),
            audit_log_export: list_contains(
                node.field("enabled_cloudwatch_logs_exports"),
                node.loc(),
                &["audit"],
            ),
            tls,
        });
    }
}

/// The `tls` parameter a group sets, else its default.
fn group_tls(group: &Node<'_>) -> Value<String> {
    let params = group.children("parameter");
    let mut unknown = params.incomplete;
    for p in &params.nodes {
        let name = p.string("name", None);
        if name.eq_ignore_case("tls") {
            return p.string("value", None);
        }
        unknown |= name.is_unknown();
    }
    if unknown {
        Value::unknown(src(group.loc()))
    } else {
        Value::default_at(DEFAULT_TLS.to_string(), src(group.loc()))
    }
}
