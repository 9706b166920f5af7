use crate::check::{Fix, Format, cfn_bad, cfn_good, cfn_json_bad, cfn_json_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags a DB instance or cluster with storage encryption off (the default for
    /// provisioned instances and clusters). Instances of a cluster are judged through their
    /// cluster.
    ///
    /// Unencrypted storage, snapshots and read replicas can be copied and restored by anyone
    /// who obtains them; encryption cannot be turned on later without a migration.
    pub static CHECK = {
        id: "aws-rds-unencrypted",
        title: "RDS storage is not encrypted",
        severity: High,
        risk_score: 7.5,
        provider: Aws,
        service: "rds",
        formats: [Terraform, CloudFormation],
        compliance: {
            CIS_AWS: ["2.3.1"],
            NIST_800_53: ["SC-28", "SC-13"],
            ISO_27001: ["A.8.24"],
            SOC2: ["CC6.1"],
        },
        aliases: [
            "CKV_AWS_16", "CKV_AWS_96", "AVD-AWS-0080", "AVD-AWS-0079",
            "aws-rds-encrypt-instance-storage-data", "aws-rds-encrypt-cluster-storage-data",
            "cfn_nag:F26",
        ],
        remediation: "Set `storage_encrypted = true` (with a customer-managed `kms_key_id` where required) and migrate existing data through an encrypted snapshot copy. In CloudFormation: `StorageEncrypted: true` (and `KmsKeyId`).",
        references: ["https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Overview.Encryption.html"],
        examples: [
            tf_good("An instance of an encrypted cluster takes the cluster's encryption", r#"
resource "aws_rds_cluster" "main" {
  cluster_identifier      = "main"
  engine                  = "aurora-postgresql"
  storage_encrypted       = true
  backup_retention_period = 7
}

resource "aws_rds_cluster_instance" "one" {
  identifier         = "main-1"
  cluster_identifier = aws_rds_cluster.main.id
  instance_class     = "db.r6g.large"
  engine             = aws_rds_cluster.main.engine
}
"#),
            tf_bad("Encryption omitted", r#"
resource "aws_db_instance" "main" {
  identifier              = "main"
  engine                  = "postgres"
  instance_class          = "db.t3.micro"
  allocated_storage       = 20
  backup_retention_period = 7
}
"#),
            tf_bad("A cluster with encryption off", r#"
resource "aws_rds_cluster" "main" {
  cluster_identifier      = "main"
  engine                  = "aurora-postgresql"
  storage_encrypted       = false
  backup_retention_period = 7
}
"#),
            tf_good("Encrypted", r#"
resource "aws_db_instance" "main" {
  identifier              = "main"
  engine                  = "postgres"
  instance_class          = "db.t3.micro"
  allocated_storage       = 20
  storage_encrypted       = true
  backup_retention_period = 7
}
"#),
            cfn_good("An instance of an encrypted cluster takes the cluster's encryption", r#"
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Main:
    Type: AWS::RDS::DBCluster
    Properties:
      Engine: aurora-postgresql
      StorageEncrypted: true
      BackupRetentionPeriod: 7
      MasterUsername: admin
      ManageMasterUserPassword: true
  One:
    Type: AWS::RDS::DBInstance
    Properties:
      DBClusterIdentifier: !Ref Main
      DBInstanceClass: db.r6g.large
      Engine: aurora-postgresql
"#),
            cfn_bad("Encryption omitted", r#"
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Main:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: postgres
      DBInstanceClass: db.t3.micro
      AllocatedStorage: "20"
      BackupRetentionPeriod: 7
      MasterUsername: admin
      ManageMasterUserPassword: true
"#),
            cfn_bad("A cluster with encryption turned off outside production, and the default environment is dev", r#"
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Environment:
    Type: String
    Default: dev
Conditions:
  IsProd: !Equals [!Ref Environment, prod]
Resources:
  Main:
    Type: AWS::RDS::DBCluster
    Properties:
      Engine: aurora-postgresql
      StorageEncrypted: !If [IsProd, true, false]
      BackupRetentionPeriod: 7
      MasterUsername: admin
      ManageMasterUserPassword: true
"#),
            cfn_good("Encrypted with a key of the same template", r#"
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  DbKey:
    Type: AWS::KMS::Key
    Properties:
      EnableKeyRotation: true
  Main:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: postgres
      DBInstanceClass: db.t3.micro
      AllocatedStorage: "20"
      BackupRetentionPeriod: 7
      StorageEncrypted: true
      KmsKeyId: !Ref DbKey
      MasterUsername: admin
      ManageMasterUserPassword: true
"#),
            cfn_json_bad("Encryption off, in JSON", r#"
{
  "AWSTemplateFormatVersion": "2010-09-09",
  "Resources": {
    "Main": {
      "Type": "AWS::RDS::DBInstance",
      "Properties": {
        "Engine": "mysql",
        "DBInstanceClass": "db.t3.micro",
        "AllocatedStorage": "20",
        "BackupRetentionPeriod": 7,
        "StorageEncrypted": false,
        "MasterUsername": "admin",
        "ManageMasterUserPassword": true
      }
    }
  }
}
"#),
            cfn_json_good("A read replica takes its source's encryption", r#"
{
  "AWSTemplateFormatVersion": "2010-09-09",
  "Resources": {
    "Main": {
      "Type": "AWS::RDS::DBInstance",
      "Properties": {
        "Engine": "mysql",
        "DBInstanceClass": "db.t3.micro",
        "AllocatedStorage": "20",
        "BackupRetentionPeriod": 7,
        "StorageEncrypted": true,
        "MasterUsername": "admin",
        "ManageMasterUserPassword": true
      }
    },
    "Replica": {
      "Type": "AWS::RDS::DBInstance",
      "Properties": {
        "SourceDBInstanceIdentifier": { "Ref": "Main" },
        "DBInstanceClass": "db.t3.micro"
      }
    }
  }
}
"#),
        ],
        fixes: [
            Fix::set(Format::Terraform, &["storage_encrypted"], "true"),
            Fix::set(Format::CloudFormation, &["StorageEncrypted"], "true"),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    // An instance in a cluster takes the cluster's encryption: the cluster is examined.
    for i in state
        .aws
        .rds
        .instances
        .iter()
        .filter(|i| i.in_cluster.is_false())
    {
        if i.storage_encrypted.is_false() {
            report.add(
                &i.resource,
                &i.storage_encrypted.meta,
                "DB instance storage is not encrypted",
            );
        } else if i.storage_encrypted.is_true() {
            report.pass(&i.resource);
        }
    }
    for c in &state.aws.rds.clusters {
        if c.storage_encrypted.is_false() {
            report.add(
                &c.resource,
                &c.storage_encrypted.meta,
                "DB cluster storage is not encrypted",
            );
        } else if c.storage_encrypted.is_true() {
            report.pass(&c.resource);
        }
    }
}
