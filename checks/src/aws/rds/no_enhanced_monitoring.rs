use crate::check::{cfn_bad, cfn_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags an RDS DB instance (including an Aurora cluster member) without Enhanced
    /// Monitoring (`monitoring_interval`, `MonitoringInterval` 0; 0 is the default).
    ///
    /// Enhanced Monitoring reports the operating system's processes, memory and I/O every
    /// few seconds. Without it, resource exhaustion, runaway processes and the load an
    /// attack puts on the database are visible only as coarse CloudWatch averages.
    pub static CHECK = {
        id: "aws-rds-no-enhanced-monitoring",
        title: "RDS instance has Enhanced Monitoring off",
        severity: Low,
        risk_score: 2.0,
        provider: Aws,
        service: "rds",
        formats: [Terraform, CloudFormation],
        status: Preview,
        compliance: {
            NIST_800_53: ["SI-4", "CA-7"],
            ISO_27001: ["A.8.16"],
            SOC2: ["CC7.2"],
        },
        aliases: ["CKV_AWS_118"],
        remediation: "Set `monitoring_interval` to 1, 5, 10, 15, 30 or 60 seconds with a `monitoring_role_arn` (CloudFormation: `MonitoringInterval` and `MonitoringRoleArn`).",
        references: [
            "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_Monitoring.OS.html",
            "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstance.html",
        ],
        examples: [
            tf_bad("Off through a variable's default", r#"
variable "monitoring_interval" {
  default = 0
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
  monitoring_interval         = var.monitoring_interval
}
"#),
            tf_good("Every 30 seconds on a cluster member", r#"
resource "aws_rds_cluster_instance" "orders" {
  identifier          = "orders-1"
  cluster_identifier  = "orders"
  engine              = "aurora-postgresql"
  instance_class      = "db.r6g.large"
  monitoring_interval = 30
  monitoring_role_arn = "arn:aws:iam::111122223333:role/rds-monitoring"
}
"#),
            cfn_bad("Not set, the instance class from a parameter", r#"
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  InstanceClass:
    Type: String
    Default: db.m6g.large
Resources:
  Orders:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: postgres
      DBInstanceClass: !Ref InstanceClass
      AllocatedStorage: "100"
      MasterUsername: app
      ManageMasterUserPassword: true
      StorageEncrypted: true
"#),
            cfn_good("Every 60 seconds", r#"
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Orders:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: postgres
      DBInstanceClass: db.m6g.large
      AllocatedStorage: "100"
      MasterUsername: app
      ManageMasterUserPassword: true
      StorageEncrypted: true
      MonitoringInterval: 60
      MonitoringRoleArn: arn:aws:iam::111122223333:role/rds-monitoring
"#),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for db in &state.aws.rds.instances {
        let v = &db.monitoring_interval;
        if v.is(|n| *n == 0) {
            report.add(&db.resource, &v.meta, "Enhanced Monitoring is off");
        } else if v.gt(0) {
            report.pass(&db.resource);
        }
    }
}
