use crate::aws::resource_policy;
use crate::check::{cfn_bad, cfn_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags an ECR repository whose repository policy has an Allow statement for
    /// `Principal: "*"` (or `{"AWS": "*"}`, or everyone but a `NotPrincipal` list) without a
    /// condition that narrows who can use it (`aws:PrincipalOrgID`, `aws:PrincipalAccount`,
    /// `aws:SourceAccount`, `aws:SourceArn`, `aws:SourceVpc`, `aws:SourceVpce`,
    /// `aws:SourceIp`). The policy is an `aws_ecr_repository_policy` naming the repository
    /// (`RepositoryPolicyText` of `AWS::ECR::Repository`).
    ///
    /// Anyone with an AWS account can then pull the images (and the code, configuration
    /// and secrets baked into them), or push and delete images, depending on the actions
    /// granted. A repository without a policy is usable only by its own account. A policy
    /// that cannot be evaluated is not flagged.
    pub static CHECK = {
        id: "aws-ecr-public-policy",
        title: "ECR repository policy allows anyone",
        severity: Critical,
        risk_score: 9.0,
        provider: Aws,
        service: "ecr",
        formats: [Terraform, CloudFormation],
        status: Preview,
        compliance: {
            NIST_800_53: ["AC-3", "AC-6"],
            ISO_27001: ["A.5.15", "A.8.3"],
            SOC2: ["CC6.1"],
        },
        aliases: ["CKV_AWS_32", "AVD-AWS-0032", "aws-ecr-no-public-access"],
        remediation: "Name the accounts that pull the images, or keep `\"*\"` only with a condition such as `aws:PrincipalOrgID`; publish public images in ECR Public instead.",
        references: ["https://docs.aws.amazon.com/AmazonECR/latest/userguide/repository-policies.html"],
        examples: [
            tf_bad("A repository policy named by the repository's name lets anyone pull", r#"
resource "aws_ecr_repository" "app" {
  name = "app"
}

resource "aws_ecr_repository_policy" "app" {
  repository = aws_ecr_repository.app.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "Pull"
      Effect    = "Allow"
      Principal = "*"
      Action    = ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"]
    }]
  })
}
"#),
            tf_good("Pulls by the organisation", r#"
variable "org_id" {
  default = "o-abc123"
}

resource "aws_ecr_repository" "app" {
  name = "app"
}

resource "aws_ecr_repository_policy" "app" {
  repository = aws_ecr_repository.app.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "Pull"
      Effect    = "Allow"
      Principal = "*"
      Action    = ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"]
      Condition = { StringEquals = { "aws:PrincipalOrgID" = var.org_id } }
    }]
  })
}
"#),
            cfn_bad("The repository policy text lets anyone pull, its actions from a parameter", r#"
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  PullAction:
    Type: String
    Default: ecr:BatchGetImage
Resources:
  App:
    Type: AWS::ECR::Repository
    Properties:
      RepositoryPolicyText:
        Version: "2012-10-17"
        Statement:
          - Sid: Pull
            Effect: Allow
            Principal:
              AWS: "*"
            Action:
              - !Ref PullAction
"#),
            cfn_good("Pulls by one other account", r#"
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  App:
    Type: AWS::ECR::Repository
    Properties:
      RepositoryPolicyText:
        Version: "2012-10-17"
        Statement:
          - Sid: Pull
            Effect: Allow
            Principal:
              AWS: arn:aws:iam::210987654321:root
            Action:
              - ecr:BatchGetImage
              - ecr:GetDownloadUrlForLayer
"#),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for r in &state.aws.ecr.repositories {
        resource_policy::check(report, &r.resource, &r.policies, &[], "Repository policy");
    }
}
