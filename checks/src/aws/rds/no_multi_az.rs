use crate::check::{cfn_bad, cfn_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags an RDS DB instance (outside a cluster) that is not deployed across Availability
    /// Zones (`multi_az`, `MultiAZ`; false by default).
    ///
    /// A single-AZ database goes down with its zone and during maintenance; availability is part of
    /// security (the A of the CIA triad), and recovery from a zone failure then means a restore.
    pub static CHECK = {
        id: "aws-rds-no-multi-az",
        title: "RDS database instance is not Multi-AZ",
        severity: Low,
        risk_score: 2.5,
        provider: Aws,
        service: "rds",
        formats: [Terraform, CloudFormation],
        status: Preview,
        compliance: {
            NIST_800_53: ["CP-10", "SC-36"],
            ISO_27001: ["A.8.14"],
            SOC2: ["A1.2"],
        },
        aliases: ["CKV_AWS_157"],
        remediation: "Set `multi_az = true` (CloudFormation: `MultiAZ: true`) for production databases.",
        references: ["https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Concepts.MultiAZ.html"],
        examples: [
            tf_bad("Single-AZ through a variable's default", r#"
variable "multi_az" {
  default = false
}

resource "aws_db_instance" "orders" {
  identifier                  = "orders"
  engine                      = "postgres"
  engine_version              = "16.3"
  instance_class              = "db.m6g.large"
  allocated_storage           = 100
  username                    = "app"
  manage_master_user_password = true
  storage_encrypted           = true
  backup_retention_period     = 7
  multi_az                    = var.multi_az
  deletion_protection         = true
}
"#),
            tf_good("Multi-AZ", r#"
resource "aws_db_instance" "orders" {
  identifier                  = "orders"
  engine                      = "postgres"
  engine_version              = "16.3"
  instance_class              = "db.m6g.large"
  allocated_storage           = 100
  username                    = "app"
  manage_master_user_password = true
  storage_encrypted           = true
  backup_retention_period     = 7
  multi_az                    = true
  deletion_protection         = true
}
"#),
            cfn_bad("Single-AZ through a parameter's default", r#"
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  MultiAz:
    Type: String
    Default: "false"
Resources:
  Orders:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: postgres
      EngineVersion: "16.3"
      DBInstanceClass: db.m6g.large
      AllocatedStorage: "100"
      MasterUsername: app
      ManageMasterUserPassword: true
      StorageEncrypted: true
      BackupRetentionPeriod: 7
      MultiAZ: !Ref MultiAz
      DeletionProtection: true
"#),
            cfn_good("Multi-AZ", r#"
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Orders:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: postgres
      EngineVersion: "16.3"
      DBInstanceClass: db.m6g.large
      AllocatedStorage: "100"
      MasterUsername: app
      ManageMasterUserPassword: true
      StorageEncrypted: true
      BackupRetentionPeriod: 7
      MultiAZ: true
      DeletionProtection: true
"#),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for db in &state.aws.rds.instances {
        let v = &db.multi_az;
        if v.is_false() {
            report.add(
                &db.resource,
                &v.meta,
                "The instance runs in one Availability Zone",
            );
        } else if v.is_true() {
            report.pass(&db.resource);
        }
    }
}
