use crate::check::{cfn_bad, cfn_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags an ElastiCache (Redis OSS) replication group without encryption at rest
    /// (`at_rest_encryption_enabled`, `AtRestEncryptionEnabled`; off by default for Redis OSS. Valkey's defaults are not judged when
    /// the setting is absent).
    ///
    /// Caches hold sessions, tokens and copies of database rows; unencrypted, they sit in plain text on disks and in backups.
    pub static CHECK = {
        id: "aws-elasticache-no-at-rest-encryption",
        title: "ElastiCache replication group is not encrypted at rest",
        severity: Medium,
        risk_score: 4.5,
        provider: Aws,
        service: "elasticache",
        formats: [Terraform, CloudFormation],
        status: Preview,
        compliance: {
            NIST_800_53: ["SC-28"],
            ISO_27001: ["A.8.24"],
            SOC2: ["CC6.1"],
        },
        aliases: ["CKV_AWS_29", "AVD-AWS-0045", "aws-elasticache-enable-at-rest-encryption"],
        remediation: "Set `at_rest_encryption_enabled = true` (CloudFormation: `AtRestEncryptionEnabled: true`); it can only be set when the group is created.",
        references: ["https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/encryption.html"],
        examples: [
            tf_bad("Off through a variable's default", r#"
variable "encrypt" {
  default = false
}

resource "aws_elasticache_replication_group" "sessions" {
  replication_group_id = "sessions"
  description          = "Session store"
  engine               = "redis"
  node_type            = "cache.t4g.small"
  num_cache_clusters   = 2
  at_rest_encryption_enabled = var.encrypt
  transit_encryption_enabled = true
}
"#),
            tf_good("Both on", r#"
resource "aws_elasticache_replication_group" "sessions" {
  replication_group_id = "sessions"
  description          = "Session store"
  engine               = "redis"
  node_type            = "cache.t4g.small"
  num_cache_clusters   = 2
  at_rest_encryption_enabled = true
  transit_encryption_enabled = true
}
"#),
            cfn_bad("Off through a parameter's default", r#"
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Encrypt:
    Type: String
    Default: "false"
Resources:
  Sessions:
    Type: AWS::ElastiCache::ReplicationGroup
    Properties:
      ReplicationGroupDescription: Session store
      Engine: redis
      CacheNodeType: cache.t4g.small
      NumCacheClusters: 2
      AtRestEncryptionEnabled: !Ref Encrypt
      TransitEncryptionEnabled: true
"#),
            cfn_good("Both on", r#"
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
"#),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for r in &state.aws.elasticache.replication_groups {
        let v = &r.at_rest_encryption;
        if v.is_false() {
            report.add(&r.resource, &v.meta, "Encryption at rest is off");
        } else if v.is_true() {
            report.pass(&r.resource);
        }
    }
}
