//! `AWS::RDS::DBInstance` and `AWS::RDS::DBCluster`.

use crate::adapt::{customer_managed_key, non_empty_list, src};
use crate::cloudformation::adapt::{Cx, Obj, Reader, resource_meta};
use cloudsentinel_model::aws::rds::{
    DEFAULT_IAM_AUTH, DEFAULT_MONITORING_INTERVAL, DEFAULT_PERFORMANCE_INSIGHTS, DbCluster,
    DbInstance, PerformanceInsights, Rds,
};
use cloudsentinel_model::{Location, Value};
use std::collections::HashSet;

/// Properties that make an instance take its storage and backups from elsewhere.
const INSTANCE_INHERITS: [&str; 4] = [
    "SourceDBInstanceIdentifier",
    "SourceDbiResourceId",
    "DBSnapshotIdentifier",
    "SourceDBInstanceAutomatedBackupsArn",
];

/// Properties that make a cluster take its storage settings from elsewhere.
const CLUSTER_INHERITS: [&str; 4] = [
    "SnapshotIdentifier",
    "SourceDBClusterIdentifier",
    "ReplicationSourceIdentifier",
    "GlobalClusterIdentifier",
];

pub(super) fn adapt(cx: &Cx<'_>, out: &mut Rds) {
    let keys = customer_keys(cx);
    for res in cx.resources("AWS::RDS::DBInstance") {
        let node = Obj::resource(res);
        let at = node.loc();
        let inherits = INSTANCE_INHERITS.iter().any(|a| node.has(a));
        let in_cluster = match node.field("DBClusterIdentifier") {
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
            "StorageEncrypted",
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
            explicit_or_unknown(node.int("BackupRetentionPeriod", None), at)
        } else {
            node.int(
                "BackupRetentionPeriod",
                Some(cloudsentinel_model::aws::rds::DEFAULT_BACKUP_RETENTION_DAYS),
            )
        };
        out.instances.push(DbInstance {
            resource: resource_meta(res),
            storage_encrypted,
            // Without it, the VPC and subnet group decide (public when the default VPC
            // or the subnets have an internet gateway): not known from the template.
            publicly_accessible: node.bool("PubliclyAccessible", None),
            backup_retention_days,
            deletion_protection: if in_cluster.is_false() {
                node.bool("DeletionProtection", Some(false))
            } else {
                Value::unknown(src(at))
            },
            multi_az: if in_cluster.is_false() {
                node.bool("MultiAZ", Some(false))
            } else {
                Value::unknown(src(at))
            },
            engine: node.string("Engine", None),
            iam_auth: if in_cluster.is_false() {
                node.bool("EnableIAMDatabaseAuthentication", Some(DEFAULT_IAM_AUTH))
            } else {
                Value::unknown(src(at))
            },
            log_exports: if in_cluster.is_false() {
                non_empty_list(node.field("EnableCloudwatchLogsExports"), at)
            } else {
                Value::unknown(src(at))
            },
            monitoring_interval: node.int("MonitoringInterval", Some(DEFAULT_MONITORING_INTERVAL)),
            performance_insights: PerformanceInsights {
                enabled: node.bool(
                    "EnablePerformanceInsights",
                    Some(DEFAULT_PERFORMANCE_INSIGHTS),
                ),
                customer_key: customer_managed_key(
                    node.field("PerformanceInsightsKMSKeyId"),
                    node.loc(),
                    &keys,
                ),
            },
            in_cluster,
        });
    }
    for res in cx.resources("AWS::RDS::DBCluster") {
        let node = Obj::resource(res);
        let inherits = CLUSTER_INHERITS.iter().any(|a| node.has(a));
        // Aurora Serverless v1 clusters are always encrypted.
        let default_encrypted = match node.field("EngineMode") {
            None => Some(false),
            Some(f) => f
                .value
                .as_str()
                .map(|m| m.eq_ignore_ascii_case("serverless")),
        };
        let storage_encrypted = node.bool("StorageEncrypted", default_encrypted);
        let storage_encrypted = if inherits && !storage_encrypted.is_true() {
            Value::unknown(storage_encrypted.meta.origin)
        } else {
            storage_encrypted
        };
        out.clusters.push(DbCluster {
            resource: resource_meta(res),
            storage_encrypted,
            backup_retention_days: node.int(
                "BackupRetentionPeriod",
                Some(cloudsentinel_model::aws::rds::DEFAULT_BACKUP_RETENTION_DAYS),
            ),
            deletion_protection: node.bool("DeletionProtection", Some(false)),
            engine: node.string("Engine", None),
            iam_auth: node.bool("EnableIAMDatabaseAuthentication", Some(DEFAULT_IAM_AUTH)),
            log_exports: non_empty_list(node.field("EnableCloudwatchLogsExports"), node.loc()),
            performance_insights: PerformanceInsights {
                enabled: node.bool(
                    "PerformanceInsightsEnabled",
                    Some(DEFAULT_PERFORMANCE_INSIGHTS),
                ),
                customer_key: customer_managed_key(
                    node.field("PerformanceInsightsKmsKeyId"),
                    node.loc(),
                    &keys,
                ),
            },
        });
    }
}

/// A value written explicitly is kept; an absent one is Unknown.
fn explicit_or_unknown<T>(v: Value<T>, at: Location) -> Value<T> {
    if v.is_explicit() {
        v
    } else {
        Value::unknown(src(at))
    }
}

/// The customer managed KMS keys and aliases the template declares, by address.
pub(super) fn customer_keys(cx: &Cx<'_>) -> HashSet<String> {
    ["AWS::KMS::Key", "AWS::KMS::Alias", "AWS::KMS::ReplicaKey"]
        .iter()
        .flat_map(|t| cx.resources(t))
        .map(|r| r.full_address())
        .collect()
}
