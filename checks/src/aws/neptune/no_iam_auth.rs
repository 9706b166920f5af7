use crate::check::{cfn_bad, cfn_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags a Neptune cluster without IAM database authentication
    /// (`iam_database_authentication_enabled`, `IamAuthEnabled`; off by default).
    ///
    /// Without IAM authentication, anything that reaches the cluster's endpoint can query
    /// and change the graph: Neptune has no database users of its own, so IAM is the only
    /// way to decide who may connect.
    pub static CHECK = {
        id: "aws-neptune-no-iam-auth",
        title: "Neptune cluster does not require IAM authentication",
        severity: Medium,
        risk_score: 5.5,
        provider: Aws,
        service: "neptune",
        formats: [Terraform, CloudFormation],
        status: Preview,
        compliance: {
            NIST_800_53: ["IA-2", "AC-3"],
            ISO_27001: ["A.5.16", "A.8.5"],
            SOC2: ["CC6.1"],
        },
        aliases: ["CKV_AWS_359"],
        remediation: "Set `iam_database_authentication_enabled = true` (CloudFormation: `IamAuthEnabled: true`) and grant `neptune-db:*` actions to the roles that connect.",
        references: [
            "https://docs.aws.amazon.com/neptune/latest/userguide/iam-auth.html",
            "https://docs.aws.amazon.com/neptune/latest/apiref/API_CreateDBCluster.html",
        ],
        examples: [
            tf_bad("Off through a variable's default", r#"
variable "iam_auth" {
  default = false
}

resource "aws_neptune_cluster" "graph" {
  cluster_identifier                  = "graph"
  engine                              = "neptune"
  storage_encrypted                   = true
  enable_cloudwatch_logs_exports      = ["audit"]
  iam_database_authentication_enabled = var.iam_auth
}
"#),
            tf_good("On", r#"
resource "aws_neptune_cluster" "graph" {
  cluster_identifier                  = "graph"
  engine                              = "neptune"
  storage_encrypted                   = true
  enable_cloudwatch_logs_exports      = ["audit"]
  iam_database_authentication_enabled = true
}
"#),
            cfn_bad("Not set, the port from a parameter", r#"
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
      EnableCloudwatchLogsExports: [audit]
"#),
            cfn_good("On", r#"
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Graph:
    Type: AWS::Neptune::DBCluster
    Properties:
      StorageEncrypted: true
      EnableCloudwatchLogsExports: [audit]
      IamAuthEnabled: true
"#),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for c in &state.aws.neptune.clusters {
        let v = &c.iam_auth;
        if v.is_false() {
            report.add(&c.resource, &v.meta, "IAM database authentication is off");
        } else if v.is_true() {
            report.pass(&c.resource);
        }
    }
}
