use crate::check::{cfn_bad, cfn_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags a Neptune cluster that does not export its audit log to CloudWatch Logs:
    /// `audit` is not among `enable_cloudwatch_logs_exports` (`EnableCloudwatchLogsExports`);
    /// nothing is exported by default. (The audit log also needs the `neptune_enable_audit_log`
    /// parameter of the cluster parameter group.)
    ///
    /// The audit log records every query with the client and IAM principal that sent it;
    /// without it, who read or changed the graph cannot be established afterwards.
    pub static CHECK = {
        id: "aws-neptune-no-audit-logs",
        title: "Neptune cluster does not export its audit log",
        severity: Medium,
        risk_score: 4.0,
        provider: Aws,
        service: "neptune",
        formats: [Terraform, CloudFormation],
        status: Preview,
        compliance: {
            NIST_800_53: ["AU-2", "AU-12"],
            ISO_27001: ["A.8.15"],
            SOC2: ["CC7.2"],
        },
        aliases: ["CKV_AWS_101", "AVD-AWS-0075", "aws-neptune-enable-log-export"],
        remediation: "Add `audit` to `enable_cloudwatch_logs_exports` (CloudFormation: `EnableCloudwatchLogsExports`) and set `neptune_enable_audit_log = 1` in the cluster parameter group.",
        references: ["https://docs.aws.amazon.com/neptune/latest/userguide/cloudwatch-logs.html"],
        examples: [
            tf_bad("Only slow queries, from a variable's default", r#"
variable "log_exports" {
  default = ["slowquery"]
}

resource "aws_neptune_cluster" "graph" {
  cluster_identifier                  = "graph"
  engine                              = "neptune"
  storage_encrypted                   = true
  iam_database_authentication_enabled = true
  enable_cloudwatch_logs_exports      = var.log_exports
}
"#),
            tf_good("Audit log exported", r#"
resource "aws_neptune_cluster" "graph" {
  cluster_identifier                  = "graph"
  engine                              = "neptune"
  storage_encrypted                   = true
  iam_database_authentication_enabled = true
  enable_cloudwatch_logs_exports      = ["audit", "slowquery"]
}
"#),
            cfn_bad("Nothing exported, the port from a parameter", r#"
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Port:
    Type: Number
    Default: 8182
Resources:
  Graph:
    Type: AWS::Neptune::DBCluster
    Properties:
      Port: !Ref Port
      StorageEncrypted: true
      IamAuthEnabled: true
"#),
            cfn_good("Audit log exported", r#"
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Graph:
    Type: AWS::Neptune::DBCluster
    Properties:
      StorageEncrypted: true
      IamAuthEnabled: true
      EnableCloudwatchLogsExports: [audit]
"#),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for c in &state.aws.neptune.clusters {
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
