//! `aws_db_instance`, `aws_rds_cluster` and `aws_rds_cluster_instance`.

use crate::terraform::adapt::{Cx, Node, Reader, resource_meta, src};
use cloudsentinel_model::Value;
use cloudsentinel_model::aws::rds::{DbCluster, DbInstance, Rds};

/// Attributes that make an instance inherit storage and backups from elsewhere.
const INSTANCE_INHERITS: [&str; 3] = [
    "replicate_source_db",
    "snapshot_identifier",
    "restore_to_point_in_time",
];

/// Attributes that make a cluster inherit its storage settings from elsewhere.
const CLUSTER_INHERITS: [&str; 5] = [
    "snapshot_identifier",
    "replication_source_identifier",
    "restore_to_point_in_time",
    "global_cluster_identifier",
    "s3_import",
];

pub(super) fn adapt(cx: &Cx<'_>, out: &mut Rds) {
    for res in cx.resources("aws_db_instance") {
        let node = Node::resource(res);
        let at = node.loc();
        let inherits = INSTANCE_INHERITS
            .iter()
            .any(|a| node.has(a) || !node.children(a).nodes.is_empty());
        let in_cluster = match node.field("cluster_identifier") {
            Some(f) => match f.value.to_string_lossy() {
                Some(id) => Value::explicit(!id.is_empty(), f.origin()),
                None => Value::unknown(f.origin()),
            },
            None => Value::default_at(false, src(at)),
        };
        // Storage and backups of cluster members, replicas and restores come from the
        // cluster, source or snapshot; only an explicit `true` is certain there.
        let own_storage = !inherits && in_cluster.is_false();
        let storage_encrypted = node.bool(
            "storage_encrypted",
            Some(cloudsentinel_model::aws::rds::DEFAULT_STORAGE_ENCRYPTED),
        );
        let storage_encrypted = if own_storage || storage_encrypted.is_true() {
            storage_encrypted
        } else {
            Value::unknown(storage_encrypted.meta.origin)
        };
        let backup_retention_days = if !in_cluster.is_false() {
            Value::unknown(src(at))
        } else if inherits {
            explicit_or_unknown(node.int("backup_retention_period", None), at)
        } else {
            node.int(
                "backup_retention_period",
                Some(cloudsentinel_model::aws::rds::DEFAULT_BACKUP_RETENTION_DAYS),
            )
        };
        out.instances.push(DbInstance {
            resource: resource_meta(res),
            storage_encrypted,
            publicly_accessible: node.bool("publicly_accessible", Some(false)),
            backup_retention_days,
            deletion_protection: if in_cluster.is_false() {
                node.bool("deletion_protection", Some(false))
            } else {
                Value::unknown(src(at))
            },
            multi_az: if in_cluster.is_false() {
                node.bool("multi_az", Some(false))
            } else {
                Value::unknown(src(at))
            },
            in_cluster,
        });
    }
    for res in cx.resources("aws_rds_cluster") {
        let node = Node::resource(res);
        let inherits = CLUSTER_INHERITS
            .iter()
            .any(|a| node.has(a) || !node.children(a).nodes.is_empty());
        // Serverless v1 clusters are always encrypted.
        let default_encrypted = match node.field("engine_mode") {
            None => Some(false),
            Some(f) => f
                .value
                .as_str()
                .map(|m| m.eq_ignore_ascii_case("serverless")),
        };
        let storage_encrypted = node.bool("storage_encrypted", default_encrypted);
        let storage_encrypted = if inherits && !storage_encrypted.is_true() {
            Value::unknown(storage_encrypted.meta.origin)
        } else {
            storage_encrypted
        };
        out.clusters.push(DbCluster {
            resource: resource_meta(res),
            storage_encrypted,
            backup_retention_days: node.int(
                "backup_retention_period",
                Some(cloudsentinel_model::aws::rds::DEFAULT_BACKUP_RETENTION_DAYS),
            ),
            deletion_protection: node.bool("deletion_protection", Some(false)),
        });
    }
    for res in cx.resources("aws_rds_cluster_instance") {
        let node = Node::resource(res);
        let at = node.loc();
        let in_cluster = match node.field("cluster_identifier") {
            Some(f) => Value::explicit(true, f.origin()),
            None => Value::default_at(true, src(at)),
        };
        out.instances.push(DbInstance {
            resource: resource_meta(res),
            // Both come from the cluster, which is checked itself.
            storage_encrypted: Value::unknown(src(at)),
            publicly_accessible: node.bool("publicly_accessible", Some(false)),
            backup_retention_days: Value::unknown(src(at)),
            deletion_protection: Value::unknown(src(at)),
            multi_az: Value::unknown(src(at)),
            in_cluster,
        });
    }
}

/// A value written explicitly is kept; an absent one is Unknown (its effective value
/// comes from a source or cluster we do not see).
fn explicit_or_unknown<T>(v: Value<T>, at: cloudsentinel_model::Location) -> Value<T> {
    if v.is_explicit() {
        v
    } else {
        Value::unknown(src(at))
    }
}
