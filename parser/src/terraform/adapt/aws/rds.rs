//! `aws_db_instance`, `aws_rds_cluster`, `aws_rds_cluster_instance`, and the manual snapshots
//! `aws_db_snapshot` and `aws_db_cluster_snapshot`.

use crate::adapt::customer_managed_key;
use crate::terraform::adapt::{Cx, Node, Reader, resource_meta, src};
use cloudsentinel_model::Value;
use cloudsentinel_model::aws::rds::{
    DEFAULT_IAM_AUTH, DEFAULT_MONITORING_INTERVAL, DEFAULT_PERFORMANCE_INSIGHTS, DbCluster,
    DbInstance, PerformanceInsights, Rds, Snapshot,
};
use std::collections::HashSet;

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
    let keys = customer_keys(cx);
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
            engine: node.string("engine", None),
            iam_auth: if in_cluster.is_false() {
                node.bool(
                    "iam_database_authentication_enabled",
                    Some(DEFAULT_IAM_AUTH),
                )
            } else {
                Value::unknown(src(at))
            },
            log_exports: if in_cluster.is_false() {
                log_exports(&node)
            } else {
                Value::unknown(src(at))
            },
            monitoring_interval: node.int("monitoring_interval", Some(DEFAULT_MONITORING_INTERVAL)),
            performance_insights: performance_insights(&node, &keys),
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
            engine: node.string("engine", None),
            iam_auth: node.bool(
                "iam_database_authentication_enabled",
                Some(DEFAULT_IAM_AUTH),
            ),
            log_exports: log_exports(&node),
            performance_insights: performance_insights(&node, &keys),
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
            engine: node.string("engine", None),
            // Both are the cluster's.
            iam_auth: Value::unknown(src(at)),
            log_exports: Value::unknown(src(at)),
            monitoring_interval: node.int("monitoring_interval", Some(DEFAULT_MONITORING_INTERVAL)),
            performance_insights: performance_insights(&node, &keys),
            in_cluster,
        });
    }
    for rtype in ["aws_db_snapshot", "aws_db_cluster_snapshot"] {
        for res in cx.resources(rtype) {
            let node = Node::resource(res);
            out.snapshots.push(Snapshot {
                resource: resource_meta(res),
                shared_accounts: node.strings("shared_accounts").unwrap_or_default(),
            });
        }
    }
}

/// Whether any log is exported to CloudWatch Logs.
fn log_exports(node: &Node<'_>) -> Value<bool> {
    crate::adapt::non_empty_list(node.field("enabled_cloudwatch_logs_exports"), node.loc())
}

/// Performance Insights and whether a customer managed key encrypts it.
fn performance_insights(node: &Node<'_>, keys: &HashSet<String>) -> PerformanceInsights {
    PerformanceInsights {
        enabled: node.bool(
            "performance_insights_enabled",
            Some(DEFAULT_PERFORMANCE_INSIGHTS),
        ),
        customer_key: customer_managed_key(
            node.field("performance_insights_kms_key_id"),
            node.loc(),
            keys,
        ),
    }
}

/// The customer managed KMS keys and aliases the configuration declares, by address.
pub(super) fn customer_keys(cx: &Cx<'_>) -> HashSet<String> {
    ["aws_kms_key", "aws_kms_alias", "aws_kms_replica_key"]
        .iter()
        .flat_map(|t| cx.resources(t))
        .map(|r| r.full_address())
        .collect()
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
