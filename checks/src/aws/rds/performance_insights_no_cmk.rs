use crate::check::{cfn_bad, cfn_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags an RDS DB instance or cluster with Performance Insights on
    /// (`performance_insights_enabled`; CloudFormation `EnablePerformanceInsights` on an
    /// instance, `PerformanceInsightsEnabled` on a cluster) but no customer managed KMS key
    /// (`performance_insights_kms_key_id`; `PerformanceInsightsKMSKeyId`,
    /// `PerformanceInsightsKmsKeyId`). Without a key, AWS encrypts the data with the AWS
    /// managed key `aws/rds`. Databases with Performance Insights off are not checked.
    ///
    /// Performance Insights keeps the text of the statements the database ran, which often
    /// carries personal data and secrets in literals. Under the AWS managed key, anyone
    /// allowed to use RDS in the account can decrypt it; a customer key's policy decides
    /// who can, can be audited and revoked.
    pub static CHECK = {
        id: "aws-rds-performance-insights-no-cmk",
        title: "RDS Performance Insights is not encrypted with a customer managed key",
        severity: Low,
        risk_score: 3.0,
        provider: Aws,
        service: "rds",
        formats: [Terraform, CloudFormation],
        status: Preview,
        compliance: {
            NIST_800_53: ["SC-12", "SC-28"],
            ISO_27001: ["A.8.24"],
            SOC2: ["CC6.1"],
        },
        aliases: [
            "CKV_AWS_354", "AVD-AWS-0078", "aws-rds-performance-insights-encryption-customer-key",
        ],
        remediation: "Set `performance_insights_kms_key_id` to a customer managed KMS key (CloudFormation: `PerformanceInsightsKMSKeyId` on an instance, `PerformanceInsightsKmsKeyId` on a cluster); the key can only be chosen when Performance Insights is first turned on.",
        references: [
            "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_PerfInsights.access-control.cmk-policy.html",
            "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstance.html",
        ],
        examples: [
            tf_bad("On through a variable, with the AWS managed key", r#"
variable "performance_insights" {
  default = true
}

resource "aws_db_instance" "orders" {
  identifier                   = "orders"
  engine                       = "postgres"
  engine_version               = "16.3"
  instance_class               = "db.m6g.large"
  allocated_storage            = 100
  username                     = "app"
  manage_master_user_password  = true
  storage_encrypted            = true
  performance_insights_enabled = var.performance_insights
}
"#),
            tf_good("A customer managed key", r#"
resource "aws_kms_key" "pi" {
  description         = "Performance Insights"
  enable_key_rotation = true
}

resource "aws_db_instance" "orders" {
  identifier                      = "orders"
  engine                          = "postgres"
  engine_version                  = "16.3"
  instance_class                  = "db.m6g.large"
  allocated_storage               = 100
  username                        = "app"
  manage_master_user_password     = true
  storage_encrypted               = true
  performance_insights_enabled    = true
  performance_insights_kms_key_id = aws_kms_key.pi.arn
}
"#),
            cfn_bad("On for a cluster, with the AWS managed key; the engine from a parameter", r#"
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Engine:
    Type: String
    Default: aurora-postgresql
Resources:
  Orders:
    Type: AWS::RDS::DBCluster
    Properties:
      Engine: !Ref Engine
      MasterUsername: app
      ManageMasterUserPassword: true
      StorageEncrypted: true
      PerformanceInsightsEnabled: true
"#),
            cfn_good("A customer managed key", r#"
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  PiKey:
    Type: AWS::KMS::Key
    Properties:
      EnableKeyRotation: true
  Orders:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: postgres
      DBInstanceClass: db.m6g.large
      AllocatedStorage: "100"
      MasterUsername: app
      ManageMasterUserPassword: true
      StorageEncrypted: true
      EnablePerformanceInsights: true
      PerformanceInsightsKMSKeyId: !GetAtt PiKey.Arn
"#),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    let rds = &state.aws.rds;
    let instances = rds
        .instances
        .iter()
        .map(|d| (&d.resource, &d.performance_insights));
    let clusters = rds
        .clusters
        .iter()
        .map(|c| (&c.resource, &c.performance_insights));
    for (resource, pi) in instances.chain(clusters) {
        if !pi.enabled.is_true() {
            continue;
        }
        let key = &pi.customer_key;
        if key.is_false() {
            let at = if key.is_explicit() {
                &key.meta
            } else {
                &pi.enabled.meta
            };
            report.add(
                resource,
                at,
                "Performance Insights data is encrypted with the AWS managed key, not a customer managed one",
            );
        } else if key.is_true() {
            report.pass(resource);
        }
    }
}
