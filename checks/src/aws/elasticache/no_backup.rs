use crate::check::{cfn_bad, cfn_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags an ElastiCache (Redis OSS or Valkey) replication group without automatic
    /// backups (`snapshot_retention_limit`, `SnapshotRetentionLimit` 0; 0 is the default).
    ///
    /// Without daily snapshots, data lost to a deletion, a faulty deployment or a
    /// destructive command (`FLUSHALL`) cannot be restored.
    pub static CHECK = {
        id: "aws-elasticache-no-backup",
        title: "ElastiCache replication group has automatic backups off",
        severity: Low,
        risk_score: 2.5,
        provider: Aws,
        service: "elasticache",
        formats: [Terraform, CloudFormation],
        status: Preview,
        compliance: {
            NIST_800_53: ["CP-9"],
            ISO_27001: ["A.8.13"],
            SOC2: ["A1.2"],
        },
        aliases: [],
        remediation: "Set `snapshot_retention_limit` to the days snapshots should be kept (CloudFormation: `SnapshotRetentionLimit`), with a `snapshot_window`.",
        references: [
            "https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/backups-automatic.html",
            "https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_CreateReplicationGroup.html",
        ],
        examples: [
            tf_bad("Off through a variable's default", r#"
variable "retention" {
  default = 0
}

resource "aws_elasticache_replication_group" "sessions" {
  replication_group_id       = "sessions"
  description                = "Session store"
  engine                     = "redis"
  node_type                  = "cache.t4g.small"
  num_cache_clusters         = 2
  at_rest_encryption_enabled = true
  transit_encryption_enabled = true
  snapshot_retention_limit   = var.retention
}
"#),
            tf_good("Kept for 7 days", r#"
resource "aws_elasticache_replication_group" "sessions" {
  replication_group_id       = "sessions"
  description                = "Session store"
  engine                     = "redis"
  node_type                  = "cache.t4g.small"
  num_cache_clusters         = 2
  at_rest_encryption_enabled = true
  transit_encryption_enabled = true
  snapshot_retention_limit   = 7
  snapshot_window            = "03:00-04:00"
}
"#),
            cfn_bad("Not set, the node type from a parameter", r#"
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  NodeType:
    Type: String
    Default: cache.t4g.small
Resources:
  Sessions:
    Type: AWS::ElastiCache::ReplicationGroup
    Properties:
      ReplicationGroupDescription: Session store
      Engine: redis
      CacheNodeType: !Ref NodeType
      NumCacheClusters: 2
      AtRestEncryptionEnabled: true
      TransitEncryptionEnabled: true
"#),
            cfn_good("Kept for 7 days", r#"
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Sessions:
    Type: AWS::ElastiCache::ReplicationGroup
    Properties:
      ReplicationGroupDescription: Session store
      Engine: redis
      CacheNodeType: cache.t4g.small
      NumCacheClusters: 2
      AtRestEncryptionEnabled: true
      TransitEncryptionEnabled: true
      SnapshotRetentionLimit: 7
"#),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for g in &state.aws.elasticache.replication_groups {
        let v = &g.snapshot_retention_days;
        if v.is(|d| *d == 0) {
            report.add(&g.resource, &v.meta, "Automatic backups are off");
        } else if v.gt(0) {
            report.pass(&g.resource);
        }
    }
}
