use crate::check::{cfn_bad, cfn_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags an EKS cluster that does not send the `api`, `audit` and `authenticator`
    /// control-plane logs to CloudWatch Logs (Terraform `enabled_cluster_log_types`,
    /// CloudFormation `Logging.ClusterLogging.EnabledTypes`).
    ///
    /// Control-plane logging is off by default. Without the audit log nothing records who
    /// read a secret, created a privileged pod or changed RBAC; without the authenticator
    /// log, which IAM identity became which Kubernetes user. The message lists the missing
    /// types.
    pub static CHECK = {
        id: "aws-eks-no-control-plane-logging",
        title: "EKS control-plane audit logging is not enabled",
        severity: Medium,
        risk_score: 5.0,
        provider: Aws,
        service: "eks",
        formats: [Terraform, CloudFormation],
        status: Preview,
        compliance: {
            NIST_800_53: ["AU-2", "AU-12"],
            ISO_27001: ["A.8.15"],
            SOC2: ["CC7.2"],
        },
        aliases: ["CKV_AWS_37", "AVD-AWS-0038", "aws-eks-enable-control-plane-logging"],
        remediation: "Set `enabled_cluster_log_types = [\"api\", \"audit\", \"authenticator\"]` (CloudFormation: `Logging: {ClusterLogging: {EnabledTypes: [{Type: api}, {Type: audit}, {Type: authenticator}]}}`).",
        references: ["https://docs.aws.amazon.com/eks/latest/userguide/control-plane-logs.html"],
        examples: [
            tf_bad("Only the API server log, from a variable", r#"
variable "log_types" {
  default = ["api"]
}

resource "aws_eks_cluster" "main" {
  name     = "main"
  role_arn = "arn:aws:iam::111122223333:role/eks"

  enabled_cluster_log_types = var.log_types

  vpc_config {
    subnet_ids = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]
  }
}
"#),
            tf_good("The three security logs", r#"
resource "aws_eks_cluster" "main" {
  name     = "main"
  role_arn = "arn:aws:iam::111122223333:role/eks"

  enabled_cluster_log_types = ["api", "audit", "authenticator", "scheduler"]

  vpc_config {
    subnet_ids = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]
  }
}
"#),
            cfn_bad("No logging at all", r#"
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Main:
    Type: AWS::EKS::Cluster
    Properties:
      RoleArn: arn:aws:iam::111122223333:role/eks
      ResourcesVpcConfig:
        SubnetIds: [subnet-0a1b2c3d, subnet-4e5f6a7b]
"#),
            cfn_good("The three security logs, one from a parameter", r#"
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  AuditType:
    Type: String
    Default: audit
Resources:
  Main:
    Type: AWS::EKS::Cluster
    Properties:
      RoleArn: arn:aws:iam::111122223333:role/eks
      ResourcesVpcConfig:
        SubnetIds: [subnet-0a1b2c3d, subnet-4e5f6a7b]
      Logging:
        ClusterLogging:
          EnabledTypes:
            - Type: api
            - Type: !Ref AuditType
            - Type: authenticator
"#),
        ],
        run: run,
    }
}

/// The control-plane logs every cluster should send.
const REQUIRED: [&str; 3] = ["api", "audit", "authenticator"];

fn run(state: &State, report: &mut Report) {
    for c in &state.aws.eks.clusters {
        let Some(types) = c.log_types.known() else {
            continue;
        };
        let missing: Vec<&str> = REQUIRED
            .into_iter()
            .filter(|r| !types.iter().any(|t| t.eq_ignore_ascii_case(r)))
            .collect();
        if missing.is_empty() {
            report.pass(&c.resource);
        } else {
            report.add(
                &c.resource,
                &c.log_types.meta,
                format!(
                    "Control-plane logging does not include {}",
                    missing.join(", ")
                ),
            );
        }
    }
}
