use crate::check::{cfn_bad, cfn_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags an RDS DB instance (outside a cluster) or an Aurora/RDS cluster that exports no
    /// database log to CloudWatch Logs (`enabled_cloudwatch_logs_exports`,
    /// `EnableCloudwatchLogsExports`; none are exported by default). Cluster members export
    /// the cluster's logs and are not checked.
    ///
    /// Database logs (audit, error, general, PostgreSQL logs) stay on the instance only for
    /// a few days and are lost with it; exported, they are kept, searchable, and can raise
    /// alarms on failed logins or unexpected statements.
    pub static CHECK = {
        id: "aws-rds-no-log-exports",
        title: "RDS database exports no logs to CloudWatch Logs",
        severity: Medium,
        risk_score: 4.0,
        provider: Aws,
        service: "rds",
        formats: [Terraform, CloudFormation],
        status: Preview,
        compliance: {
            NIST_800_53: ["AU-2", "AU-6", "AU-12"],
            ISO_27001: ["A.8.15"],
            SOC2: ["CC7.2"],
        },
        aliases: ["CKV_AWS_129", "CKV_AWS_324"],
        remediation: "List the engine's logs in `enabled_cloudwatch_logs_exports` (CloudFormation: `EnableCloudwatchLogsExports`), e.g. `[\"postgresql\"]` or `[\"audit\", \"error\"]`.",
        references: ["https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_LogAccess.Procedural.UploadtoCloudWatch.html"],
        examples: [
            tf_bad("Nothing exported, the engine version from a variable", r#"
variable "engine_version" {
  default = "16.3"
}

resource "aws_db_instance" "orders" {
  identifier                  = "orders"
  engine                      = "postgres"
  engine_version              = var.engine_version
  instance_class              = "db.m6g.large"
  allocated_storage           = 100
  username                    = "app"
  manage_master_user_password = true
  storage_encrypted           = true
}
"#),
            tf_good("PostgreSQL logs exported", r#"
resource "aws_db_instance" "orders" {
  identifier                      = "orders"
  engine                          = "postgres"
  engine_version                  = "16.3"
  instance_class                  = "db.m6g.large"
  allocated_storage               = 100
  username                        = "app"
  manage_master_user_password     = true
  storage_encrypted               = true
  enabled_cloudwatch_logs_exports = ["postgresql", "upgrade"]
}
"#),
            cfn_bad("An empty list through a condition", r#"
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Env:
    Type: String
    Default: dev
Conditions:
  IsProd: !Equals [!Ref Env, prod]
Resources:
  Orders:
    Type: AWS::RDS::DBCluster
    Properties:
      Engine: aurora-mysql
      MasterUsername: app
      ManageMasterUserPassword: true
      StorageEncrypted: true
      EnableCloudwatchLogsExports: !If [IsProd, [audit, error], []]
"#),
            cfn_good("Audit and error logs exported", r#"
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Orders:
    Type: AWS::RDS::DBCluster
    Properties:
      Engine: aurora-mysql
      MasterUsername: app
      ManageMasterUserPassword: true
      StorageEncrypted: true
      EnableCloudwatchLogsExports: [audit, error]
"#),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    let rds = &state.aws.rds;
    let instances = rds.instances.iter().map(|d| (&d.resource, &d.log_exports));
    let clusters = rds.clusters.iter().map(|c| (&c.resource, &c.log_exports));
    for (resource, v) in instances.chain(clusters) {
        if v.is_false() {
            report.add(
                resource,
                &v.meta,
                "No database log is exported to CloudWatch Logs",
            );
        } else if v.is_true() {
            report.pass(resource);
        }
    }
}
