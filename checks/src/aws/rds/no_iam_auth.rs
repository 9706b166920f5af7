use crate::check::{cfn_bad, cfn_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;
use cloudsentinel_model::aws::rds::engine_supports_iam_auth;

declare_check! {
    /// Flags an RDS DB instance (outside a cluster) or an Aurora/RDS cluster of MySQL,
    /// MariaDB, PostgreSQL or Aurora without IAM database authentication
    /// (`iam_database_authentication_enabled`, `EnableIAMDatabaseAuthentication`; off by
    /// default). Instances of engines without IAM authentication (Oracle, SQL Server, Db2)
    /// and cluster members, which take the cluster's setting, are not checked.
    ///
    /// Without IAM authentication every client logs in with a long-lived database password
    /// that is copied into configuration and rarely rotated. With it, clients use
    /// short-lived tokens tied to IAM principals, so access is granted, audited and revoked
    /// in one place.
    pub static CHECK = {
        id: "aws-rds-no-iam-auth",
        title: "RDS database does not accept IAM authentication",
        severity: Low,
        risk_score: 3.5,
        provider: Aws,
        service: "rds",
        formats: [Terraform, CloudFormation],
        status: Preview,
        compliance: {
            NIST_800_53: ["IA-2", "IA-5", "AC-2"],
            ISO_27001: ["A.5.16", "A.8.5"],
            SOC2: ["CC6.1"],
        },
        aliases: ["CKV_AWS_161", "CKV_AWS_162", "AVD-AWS-0176", "aws-rds-enable-iam-auth"],
        remediation: "Set `iam_database_authentication_enabled = true` (CloudFormation: `EnableIAMDatabaseAuthentication: true`) and grant `rds-db:connect` to the roles that connect.",
        references: [
            "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/UsingWithRDS.IAMDBAuth.html",
            "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstance.html",
        ],
        examples: [
            tf_bad("Off through a variable's default", r#"
variable "iam_auth" {
  default = false
}

resource "aws_db_instance" "orders" {
  identifier                          = "orders"
  engine                              = "postgres"
  engine_version                      = "16.3"
  instance_class                      = "db.m6g.large"
  allocated_storage                   = 100
  username                            = "app"
  manage_master_user_password         = true
  storage_encrypted                   = true
  iam_database_authentication_enabled = var.iam_auth
}
"#),
            tf_good("On for the cluster; an SQL Server instance cannot have it", r#"
resource "aws_rds_cluster" "orders" {
  cluster_identifier                  = "orders"
  engine                              = "aurora-postgresql"
  master_username                     = "app"
  manage_master_user_password         = true
  storage_encrypted                   = true
  iam_database_authentication_enabled = true
}

resource "aws_db_instance" "reports" {
  identifier                  = "reports"
  engine                      = "sqlserver-se"
  instance_class              = "db.m6i.xlarge"
  allocated_storage           = 200
  license_model               = "license-included"
  username                    = "app"
  manage_master_user_password = true
  storage_encrypted           = true
}
"#),
            cfn_bad("Not set, the engine from a parameter", r#"
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Engine:
    Type: String
    Default: mysql
Resources:
  Orders:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: !Ref Engine
      DBInstanceClass: db.m6g.large
      AllocatedStorage: "100"
      MasterUsername: app
      ManageMasterUserPassword: true
      StorageEncrypted: true
"#),
            cfn_good("On", r#"
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Orders:
    Type: AWS::RDS::DBCluster
    Properties:
      Engine: aurora-mysql
      MasterUsername: app
      ManageMasterUserPassword: true
      StorageEncrypted: true
      EnableIAMDatabaseAuthentication: true
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
        .map(|d| (&d.resource, &d.engine, &d.iam_auth));
    let clusters = rds
        .clusters
        .iter()
        .map(|c| (&c.resource, &c.engine, &c.iam_auth));
    for (resource, engine, v) in instances.chain(clusters) {
        if !engine.is(|e| engine_supports_iam_auth(e)) {
            continue;
        }
        if v.is_false() {
            report.add(resource, &v.meta, "IAM database authentication is off");
        } else if v.is_true() {
            report.pass(resource);
        }
    }
}
