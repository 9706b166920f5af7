use crate::check::{cfn_bad, cfn_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags an ElastiCache (Redis OSS or Valkey) replication group with encryption in
    /// transit but no client authentication: neither an AUTH token (`auth_token`,
    /// `AuthToken`) nor role-based access control user groups (`user_group_ids`,
    /// `UserGroupIds`). Groups without encryption in transit cannot use either and are left
    /// to `aws-elasticache-no-in-transit-encryption`.
    ///
    /// Without authentication, anything that reaches the cache's port can read and
    /// overwrite every key (sessions, tokens, cached rows) and run administrative commands;
    /// a security group is then the only control.
    pub static CHECK = {
        id: "aws-elasticache-no-auth-token",
        title: "ElastiCache replication group does not authenticate clients",
        severity: High,
        risk_score: 7.0,
        provider: Aws,
        service: "elasticache",
        formats: [Terraform, CloudFormation],
        status: Preview,
        compliance: {
            NIST_800_53: ["IA-2", "AC-3"],
            ISO_27001: ["A.8.5"],
            SOC2: ["CC6.1"],
        },
        aliases: ["CKV_AWS_31"],
        remediation: "Give the group RBAC user groups (`user_group_ids`; CloudFormation: `UserGroupIds`) or an AUTH token from a secret (`auth_token`; `AuthToken`).",
        references: [
            "https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/auth.html",
            "https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/Clusters.RBAC.html",
        ],
        examples: [
            tf_bad("Encrypted in transit through a variable, no AUTH", r#"
variable "tls" {
  default = true
}

resource "aws_elasticache_replication_group" "sessions" {
  replication_group_id       = "sessions"
  description                = "Session store"
  engine                     = "redis"
  node_type                  = "cache.t4g.small"
  num_cache_clusters         = 2
  at_rest_encryption_enabled = true
  transit_encryption_enabled = var.tls
}
"#),
            tf_good("RBAC user groups", r#"
resource "aws_elasticache_replication_group" "sessions" {
  replication_group_id       = "sessions"
  description                = "Session store"
  engine                     = "redis"
  node_type                  = "cache.t4g.small"
  num_cache_clusters         = 2
  at_rest_encryption_enabled = true
  transit_encryption_enabled = true
  user_group_ids             = ["sessions-users"]
}
"#),
            cfn_bad("No AUTH, the node type from a parameter", r#"
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
            cfn_good("An AUTH token from Secrets Manager", r#"
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
      AuthToken: "{{resolve:secretsmanager:sessions-auth:SecretString:token}}"
"#),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for g in &state.aws.elasticache.replication_groups {
        if !g.transit_encryption.is_true() {
            continue;
        }
        let v = &g.authentication;
        if v.is_false() {
            report.add(
                &g.resource,
                &v.meta,
                "Clients connect without an AUTH token or RBAC user",
            );
        } else if v.is_true() {
            report.pass(&g.resource);
        }
    }
}
