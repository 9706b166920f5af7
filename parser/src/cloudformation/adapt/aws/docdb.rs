//! `AWS::DocDB::DBCluster`, with the cluster parameter group
//! (`AWS::DocDB::DBClusterParameterGroup`) its `DBClusterParameterGroupName` names.

use crate::adapt::{list_contains, src};
use crate::cloudformation::adapt::{Cx, Join, JoinIndex, Obj, Reader, merge_into, resource_meta};
use cloudsentinel_model::Value;
use cloudsentinel_model::aws::docdb::{Cluster, DEFAULT_TLS, DocDb};

pub(super) fn adapt(cx: &Cx<'_>, out: &mut DocDb) {
    let groups = cx.resources("AWS::DocDB::DBClusterParameterGroup");
    let index = JoinIndex::new(groups, &["Name"]);
    for res in cx.resources("AWS::DocDB::DBCluster") {
        let node = Obj::resource(res);
        let mut resource = resource_meta(res);
        let prop = "DBClusterParameterGroupName";
        let tls = match index.resolve(res.props.get(prop), res) {
            // The default parameter group.
            Join::Absent => Value::default_at(DEFAULT_TLS.to_string(), src(node.loc())),
            Join::One(i) => match groups.get(i) {
                Some(g) => {
                    merge_into(&mut resource, g);
                    group_tls(&Obj::resource(g))
                }
                None => Value::unknown(src(node.loc())),
            },
            Join::Missing(name) if name.starts_with("default.") => {
                node.string(prop, None).map(|_| DEFAULT_TLS.to_string())
            }
            Join::Missing(_) | Join::Unknown => Value::unknown(src(node.loc())),
        };
        // `StorageEncrypted` defaults to false.
        out.clusters.push(Cluster {
            resource,
            storage_encrypted: node.bool("StorageEncrypted", Some(false)),
            audit_log_export: list_contains(
                node.field("EnableCloudwatchLogsExports"),
                node.loc(),
                &["audit"],
            ),
            tls,
        });
    }
}

/// The `tls` parameter a group sets (`Parameters` is a map of names to values), else its
/// default.
fn group_tls(group: &Obj<'_>) -> Value<String> {
    match group.child("Parameters") {
        Some(p) if p.value.is_unknown() => Value::unknown(src(p.loc())),
        Some(p) => p.string("tls", Some(DEFAULT_TLS)),
        None => Value::default_at(DEFAULT_TLS.to_string(), src(group.loc())),
    }
}
