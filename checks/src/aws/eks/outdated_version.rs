use crate::check::{cfn_bad, cfn_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;
use cloudsentinel_model::aws::eks::standard_support_ended;

declare_check! {
    /// Flags an EKS cluster whose Kubernetes version (Terraform `version`, CloudFormation
    /// `Version`) is past the end of EKS standard support.
    ///
    /// After 14 months a minor version moves to extended support: it costs more per cluster
    /// hour, gets fewer fixes, and 12 months later EKS upgrades the cluster by itself, on
    /// its own schedule. Upgrading on yours keeps security patches coming. The versions and
    /// their end dates are kept in the model (`PAST_STANDARD_SUPPORT`, dated); a cluster
    /// without a version gets the latest one when it is created and passes.
    pub static CHECK = {
        id: "aws-eks-outdated-version",
        title: "EKS cluster runs a Kubernetes version past standard support",
        severity: Medium,
        risk_score: 4.5,
        provider: Aws,
        service: "eks",
        formats: [Terraform, CloudFormation],
        status: Preview,
        compliance: {
            NIST_800_53: ["SI-2", "SA-22"],
            ISO_27001: ["A.8.8"],
            SOC2: ["CC7.1"],
        },
        aliases: ["CKV_AWS_339"],
        remediation: "Upgrade the cluster (and its node groups and add-ons) to a Kubernetes version under standard support.",
        references: ["https://docs.aws.amazon.com/eks/latest/userguide/kubernetes-versions.html"],
        examples: [
            tf_bad("Version 1.28 from a variable's default", r#"
variable "kubernetes_version" {
  default = "1.28"
}

resource "aws_eks_cluster" "main" {
  name     = "main"
  role_arn = "arn:aws:iam::111122223333:role/eks"
  version  = var.kubernetes_version

  vpc_config {
    subnet_ids = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]
  }
}
"#),
            tf_good("A supported version", r#"
resource "aws_eks_cluster" "main" {
  name     = "main"
  role_arn = "arn:aws:iam::111122223333:role/eks"
  version  = "1.35"

  vpc_config {
    subnet_ids = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]
  }
}
"#),
            cfn_bad("Version 1.31", r#"
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Main:
    Type: AWS::EKS::Cluster
    Properties:
      Version: "1.31"
      RoleArn: arn:aws:iam::111122223333:role/eks
      ResourcesVpcConfig:
        SubnetIds: [subnet-0a1b2c3d, subnet-4e5f6a7b]
"#),
            cfn_good("No version: the latest at creation, the role from a parameter", r#"
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  ClusterRole:
    Type: String
    Default: arn:aws:iam::111122223333:role/eks
Resources:
  Main:
    Type: AWS::EKS::Cluster
    Properties:
      RoleArn: !Ref ClusterRole
      ResourcesVpcConfig:
        SubnetIds: [subnet-0a1b2c3d, subnet-4e5f6a7b]
"#),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for c in &state.aws.eks.clusters {
        match c.version.known() {
            Some(None) => report.pass(&c.resource),
            Some(Some(v)) => match standard_support_ended(v) {
                Some(date) => report.add(
                    &c.resource,
                    &c.version.meta,
                    format!("Kubernetes {v} is past EKS standard support (ended by {date})"),
                ),
                None if is_minor_version(v) => report.pass(&c.resource),
                None => {}
            },
            None => {}
        }
    }
}

/// `1.<minor>` (with an optional patch): a version the support table can judge.
fn is_minor_version(v: &str) -> bool {
    let mut parts = v.trim().trim_start_matches('v').split('.');
    parts.next() == Some("1")
        && parts
            .next()
            .is_some_and(|m| !m.is_empty() && m.bytes().all(|b| b.is_ascii_digit()))
}
