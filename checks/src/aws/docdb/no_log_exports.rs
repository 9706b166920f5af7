use crate::check::{cfn_bad, cfn_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags a DocumentDB cluster that does not export its audit log to CloudWatch Logs:
    /// `audit` is not among `enabled_cloudwatch_logs_exports` (`EnableCloudwatchLogsExports`);
    /// nothing is exported by default. (Events are written only when the `audit_logs`
    /// parameter of the cluster parameter group is on as well.)
    ///
    /// The audit log records authentication attempts, user and role changes and, if asked,
    /// reads and writes; without it, who accessed or changed the database cannot be
    /// established afterwards.
    pub static CHECK = {
        id: "aws-docdb-no-log-exports",
        title: "DocumentDB cluster does not export its audit log",
        severity: Medium,
        risk_score: 4.0,
        provider: Aws,
        service: "docdb",
        formats: [Terraform, CloudFormation],
        status: Preview,
        compliance: {
            NIST_800_53: ["AU-2", "AU-12"],
            ISO_27001: ["A.8.15"],
            SOC2: ["CC7.2"],
        },
        aliases: ["CKV_AWS_85", "AVD-AWS-0020", "aws-documentdb-enable-log-export"],
        remediation: "Add `audit` (and `profiler`) to `enabled_cloudwatch_logs_exports` (CloudFormation: `EnableCloudwatchLogsExports`) and set the `audit_logs` parameter of the cluster parameter group to `enabled`.",
        references: ["https://docs.aws.amazon.com/documentdb/latest/developerguide/event-auditing.html"],
        examples: [
            tf_bad("Only the profiler, from a variable's default", r#"
variable "log_exports" {
  default = ["profiler"]
}

resource "aws_docdb_cluster" "catalog" {
  cluster_identifier              = "catalog"
  engine                          = "docdb"
  master_username                 = "app"
  manage_master_user_password     = true
  storage_encrypted               = true
  enabled_cloudwatch_logs_exports = var.log_exports
}
"#),
            tf_good("Audit and profiler logs exported", r#"
resource "aws_docdb_cluster" "catalog" {
  cluster_identifier              = "catalog"
  engine                          = "docdb"
  master_username                 = "app"
  manage_master_user_password     = true
  storage_encrypted               = true
  enabled_cloudwatch_logs_exports = ["audit", "profiler"]
}
"#),
            cfn_bad("Nothing exported, the port from a parameter", r#"
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Port:
    Type: Number
    Default: 27017
Resources:
  Catalog:
    Type: AWS::DocDB::DBCluster
    Properties:
      Port: !Ref Port
      MasterUsername: app
      ManageMasterUserPassword: true
      StorageEncrypted: true
"#),
            cfn_good("Audit log exported", r#"
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Catalog:
    Type: AWS::DocDB::DBCluster
    Properties:
      MasterUsername: app
      ManageMasterUserPassword: true
      StorageEncrypted: true
      EnableCloudwatchLogsExports: [audit, profiler]
"#),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for c in &state.aws.docdb.clusters {
        let v = &c.audit_log_export;
        if v.is_false() {
            report.add(
                &c.resource,
                &v.meta,
                "The audit log is not exported to CloudWatch Logs",
            );
        } else if v.is_true() {
            report.pass(&c.resource);
        }
    }
}
