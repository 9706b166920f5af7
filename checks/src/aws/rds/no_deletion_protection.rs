use crate::check::{cfn_bad, cfn_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags an RDS DB instance (outside a cluster) or an Aurora/RDS cluster without deletion
    /// protection (`deletion_protection`, `DeletionProtection`; false by default).
    ///
    /// Without it, one mistaken `terraform destroy`, stack deletion or API call (or an attacker with
    /// the rights) deletes the database; with it, protection must be turned off first, a change that
    /// shows up in review and in CloudTrail.
    pub static CHECK = {
        id: "aws-rds-no-deletion-protection",
        title: "RDS database can be deleted without turning protection off first",
        severity: Low,
        risk_score: 3.0,
        provider: Aws,
        service: "rds",
        formats: [Terraform, CloudFormation],
        status: Preview,
        compliance: {
            NIST_800_53: ["CP-9", "SI-12"],
            ISO_27001: ["A.8.13"],
            SOC2: ["A1.2"],
        },
        aliases: [
            "CKV_AWS_293", "CKV_AWS_139", "AVD-AWS-0177", "AVD-AWS-0343",
            "aws-rds-enable-deletion-protection", "aws-rds-enable-cluster-deletion-protection",
        ],
        remediation: "Set `deletion_protection = true` (CloudFormation: `DeletionProtection: true`).",
        references: ["https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_DeleteInstance.html#USER_DeleteInstance.DeletionProtection"],
        examples: [
            tf_bad("Off through a variable's default", r#"
variable "protect" {
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
  multi_az                    = true
  deletion_protection         = var.protect
}
"#),
            tf_good("Protected", r#"
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
            cfn_bad("Off through a parameter's default", r#"
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Protect:
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
      MultiAZ: true
      DeletionProtection: !Ref Protect
"#),
            cfn_good("Protected", r#"
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
        let v = &db.deletion_protection;
        if v.is_false() {
            report.add(&db.resource, &v.meta, "Deletion protection is off");
        } else if v.is_true() {
            report.pass(&db.resource);
        }
    }
    for c in &state.aws.rds.clusters {
        let v = &c.deletion_protection;
        if v.is_false() {
            report.add(&c.resource, &v.meta, "Deletion protection is off");
        } else if v.is_true() {
            report.pass(&c.resource);
        }
    }
}
