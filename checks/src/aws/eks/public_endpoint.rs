use crate::check::{cfn_bad, cfn_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;
use cloudsentinel_model::net::PUBLIC_RANGES;

declare_check! {
    /// Flags a cluster whose Kubernetes API endpoint is public (the default) and open to
    /// `0.0.0.0/0` (the default of `public_access_cidrs` / `PublicAccessCidrs`).
    ///
    /// The API server is then one leaked token or unpatched vulnerability away from the
    /// whole internet.
    pub static CHECK = {
        id: "aws-eks-public-endpoint",
        title: "EKS API endpoint is open to the internet",
        severity: High,
        risk_score: 7.5,
        provider: Aws,
        service: "eks",
        formats: [Terraform, CloudFormation],
        compliance: {
            NIST_800_53: ["SC-7", "AC-3"],
            ISO_27001: ["A.8.20", "A.8.22"],
            SOC2: ["CC6.6"],
        },
        aliases: ["CKV_AWS_39", "CKV_AWS_38", "AVD-AWS-0040", "AVD-AWS-0041", "aws-eks-no-public-cluster-access", "aws-eks-no-public-cluster-access-to-cidr"],
        remediation: "Set `endpoint_public_access = false` (with `endpoint_private_access = true`), or restrict `public_access_cidrs` to your networks. In CloudFormation: `EndpointPublicAccess` and `PublicAccessCidrs` of `ResourcesVpcConfig`.",
        references: ["https://docs.aws.amazon.com/eks/latest/userguide/cluster-endpoint.html"],
        examples: [
            tf_bad("Open CIDRs from a local", r#"
locals {
  api_allowed = ["0.0.0.0/0"]
}

resource "aws_eks_cluster" "main" {
  name     = "main"
  role_arn = "arn:aws:iam::123456789012:role/eks"
  vpc_config {
    subnet_ids             = ["subnet-0123456789abcdef0"]
    endpoint_public_access = true
    public_access_cidrs    = local.api_allowed
  }
}
"#),
            tf_bad("Defaults: public to the world", r#"
resource "aws_eks_cluster" "main" {
  name     = "main"
  role_arn = "arn:aws:iam::123456789012:role/eks"
  vpc_config {
    subnet_ids = ["subnet-0123456789abcdef0", "subnet-0123456789abcdef1"]
  }
}
"#),
            tf_good("Public, but only from the office", r#"
resource "aws_eks_cluster" "main" {
  name     = "main"
  role_arn = "arn:aws:iam::123456789012:role/eks"
  vpc_config {
    subnet_ids          = ["subnet-0123456789abcdef0", "subnet-0123456789abcdef1"]
    public_access_cidrs = ["203.0.113.0/24"]
  }
}
"#),
            tf_good("Private endpoint only", r#"
resource "aws_eks_cluster" "main" {
  name     = "main"
  role_arn = "arn:aws:iam::123456789012:role/eks"
  vpc_config {
    subnet_ids              = ["subnet-0123456789abcdef0", "subnet-0123456789abcdef1"]
    endpoint_private_access = true
    endpoint_public_access  = false
  }
}
"#),
            cfn_bad("Open CIDRs from a CommaDelimitedList parameter default", r#"
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  ApiAllowed:
    Type: CommaDelimitedList
    Default: 0.0.0.0/0
Resources:
  Main:
    Type: AWS::EKS::Cluster
    Properties:
      RoleArn: arn:aws:iam::123456789012:role/eks
      ResourcesVpcConfig:
        SubnetIds: [subnet-0123456789abcdef0, subnet-0123456789abcdef1]
        EndpointPublicAccess: true
        PublicAccessCidrs: !Ref ApiAllowed
"#),
            cfn_bad("Defaults: public to the world", r#"
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Main:
    Type: AWS::EKS::Cluster
    Properties:
      RoleArn: arn:aws:iam::123456789012:role/eks
      ResourcesVpcConfig:
        SubnetIds: [subnet-0123456789abcdef0, subnet-0123456789abcdef1]
"#),
            cfn_good("Public, but only from the office", r#"
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  OfficeCidr:
    Type: String
    Default: 203.0.113.0/24
Resources:
  Main:
    Type: AWS::EKS::Cluster
    Properties:
      RoleArn: arn:aws:iam::123456789012:role/eks
      ResourcesVpcConfig:
        SubnetIds: [subnet-0123456789abcdef0, subnet-0123456789abcdef1]
        PublicAccessCidrs: [!Ref OfficeCidr]
"#),
            cfn_good("Private endpoint only", r#"
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Main:
    Type: AWS::EKS::Cluster
    Properties:
      RoleArn: arn:aws:iam::123456789012:role/eks
      ResourcesVpcConfig:
        SubnetIds: [subnet-0123456789abcdef0, subnet-0123456789abcdef1]
        EndpointPrivateAccess: true
        EndpointPublicAccess: false
"#),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for c in &state.aws.eks.clusters {
        let open = c
            .public_access_cidrs
            .is(|cidrs| cidrs.iter().any(|x| PUBLIC_RANGES.contains(&x.as_str())));
        if c.endpoint_public_access.is_true() && open {
            report.add(
                &c.resource,
                &c.public_access_cidrs.meta,
                "Cluster API endpoint is public and open to 0.0.0.0/0",
            );
        } else if c.endpoint_public_access.is_false()
            || (c.public_access_cidrs.known().is_some() && !open)
        {
            // Private, or open only to known ranges none of which is the whole internet.
            report.pass(&c.resource);
        }
    }
}
