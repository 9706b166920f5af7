use crate::check::{cfn_bad, cfn_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

const MIN_DAYS: i64 = 7;

declare_check! {
    /// Flags a DB instance or cluster whose automated backups are kept fewer than 7 days
    /// (0 turns them off). Instances of a cluster are judged through their cluster.
    ///
    /// Corruption or a bad migration is often noticed days later; short retention leaves
    /// nothing to restore.
    pub static CHECK = {
        id: "aws-rds-short-backup-retention",
        title: "RDS backup retention is below 7 days",
        severity: Low,
        risk_score: 3.0,
        provider: Aws,
        service: "rds",
        formats: [Terraform, CloudFormation],
        compliance: {
            NIST_800_53: ["CP-9", "CP-10"],
            ISO_27001: ["A.8.13"],
            SOC2: ["A1.2"],
        },
        aliases: ["CKV_AWS_133", "AVD-AWS-0077", "aws-rds-specify-backup-retention"],
        remediation: "Set `backup_retention_period` to 7 days or more. In CloudFormation: `BackupRetentionPeriod` (its default is 1 day).",
        references: ["https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_WorkingWithAutomatedBackups.html"],
        examples: [
            tf_bad("A cluster's retention from a local", r#"
locals {
  retention_days = 3
}

resource "aws_rds_cluster" "main" {
  cluster_identifier      = "main"
  engine                  = "aurora-mysql"
  storage_encrypted       = true
  backup_retention_period = local.retention_days
}
"#),
            tf_bad("Backups off", r#"
resource "aws_db_instance" "main" {
  identifier              = "main"
  engine                  = "postgres"
  instance_class          = "db.t3.micro"
  allocated_storage       = 20
  storage_encrypted       = true
  backup_retention_period = 0
}
"#),
            tf_good("A week of backups", r#"
resource "aws_rds_cluster" "main" {
  cluster_identifier      = "main"
  engine                  = "aurora-mysql"
  storage_encrypted       = true
  backup_retention_period = 7
}
"#),
            cfn_bad("A cluster's retention from a mapping keyed by the environment", r#"
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Environment:
    Type: String
    Default: staging
Mappings:
  Retention:
    staging:
      Days: 3
    prod:
      Days: 35
Resources:
  Main:
    Type: AWS::RDS::DBCluster
    Properties:
      Engine: aurora-mysql
      StorageEncrypted: true
      MasterUsername: admin
      ManageMasterUserPassword: true
      BackupRetentionPeriod: !FindInMap [Retention, !Ref Environment, Days]
"#),
            cfn_bad("Backups off", r#"
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Main:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: postgres
      DBInstanceClass: db.t3.micro
      AllocatedStorage: "20"
      StorageEncrypted: true
      MasterUsername: admin
      ManageMasterUserPassword: true
      BackupRetentionPeriod: 0
"#),
            cfn_bad("Retention omitted: CloudFormation's default is one day", r#"
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Main:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: postgres
      DBInstanceClass: db.t3.micro
      AllocatedStorage: "20"
      StorageEncrypted: true
      MasterUsername: admin
      ManageMasterUserPassword: true
"#),
            cfn_good("A week of backups", r#"
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Main:
    Type: AWS::RDS::DBCluster
    Properties:
      Engine: aurora-mysql
      StorageEncrypted: true
      MasterUsername: admin
      ManageMasterUserPassword: true
      BackupRetentionPeriod: 7
"#),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    let msg = |d: Option<&i64>| {
        format!(
            "Automated backups are kept {} day(s); at least {MIN_DAYS} are needed",
            d.copied().unwrap_or_default()
        )
    };
    // An instance in a cluster takes the cluster's retention: the cluster is examined.
    for i in state
        .aws
        .rds
        .instances
        .iter()
        .filter(|i| i.in_cluster.is_false())
    {
        if i.backup_retention_days.lt(MIN_DAYS) {
            report.add(
                &i.resource,
                &i.backup_retention_days.meta,
                msg(i.backup_retention_days.known()),
            );
        } else if i.backup_retention_days.known().is_some() {
            report.pass(&i.resource);
        }
    }
    for c in &state.aws.rds.clusters {
        if c.backup_retention_days.lt(MIN_DAYS) {
            report.add(
                &c.resource,
                &c.backup_retention_days.meta,
                msg(c.backup_retention_days.known()),
            );
        } else if c.backup_retention_days.known().is_some() {
            report.pass(&c.resource);
        }
    }
}
