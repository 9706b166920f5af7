use crate::aws::resource_policy;
use crate::check::{cfn_bad, cfn_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags an S3 Glacier vault whose access policy (`access_policy` of
    /// `aws_glacier_vault`, `AccessPolicy` of `AWS::Glacier::Vault`) has an Allow statement
    /// for `Principal: "*"` (or `{"AWS": "*"}`, or everyone but a `NotPrincipal` list)
    /// without a condition that narrows who can use it (`aws:PrincipalOrgID`,
    /// `aws:PrincipalAccount`, `aws:SourceAccount`, `aws:SourceArn`, `aws:SourceVpc`,
    /// `aws:SourceVpce`, `aws:SourceIp`).
    ///
    /// Vaults hold archives and backups: anyone with an AWS account could then retrieve or
    /// delete them, depending on the actions granted. A vault without a policy is usable
    /// only by its own account. A policy that cannot be evaluated is not flagged.
    pub static CHECK = {
        id: "aws-glacier-public-policy",
        title: "Glacier vault policy allows anyone",
        severity: Critical,
        risk_score: 9.0,
        provider: Aws,
        service: "glacier",
        formats: [Terraform, CloudFormation],
        status: Preview,
        compliance: {
            NIST_800_53: ["AC-3", "AC-6"],
            ISO_27001: ["A.5.15", "A.8.3"],
            SOC2: ["CC6.1"],
        },
        aliases: ["CKV_AWS_167"],
        remediation: "Name the accounts that use the vault, or keep `\"*\"` only with a condition such as `aws:PrincipalOrgID`.",
        references: ["https://docs.aws.amazon.com/amazonglacier/latest/dev/vault-access-policy.html"],
        examples: [
            tf_bad("A vault policy lets anyone retrieve archives", r#"
resource "aws_glacier_vault" "archive" {
  name = "archive"
  access_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "Anyone"
      Effect    = "Allow"
      Principal = "*"
      Action    = ["glacier:InitiateJob", "glacier:GetJobOutput"]
      Resource  = "arn:aws:glacier:eu-west-1:123456789012:vaults/archive"
    }]
  })
}
"#),
            tf_good("Another account, named in a local", r#"
locals {
  partner = "arn:aws:iam::210987654321:root"
}

resource "aws_glacier_vault" "archive" {
  name = "archive"
  access_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "Partner"
      Effect    = "Allow"
      Principal = { AWS = local.partner }
      Action    = ["glacier:InitiateJob", "glacier:GetJobOutput"]
      Resource  = "arn:aws:glacier:eu-west-1:123456789012:vaults/archive"
    }]
  })
}
"#),
            cfn_bad("A vault policy lets anyone delete archives, the vault named by a parameter", r#"
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  VaultName:
    Type: String
    Default: archive
Resources:
  Archive:
    Type: AWS::Glacier::Vault
    Properties:
      VaultName: !Ref VaultName
      AccessPolicy:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal:
              AWS: "*"
            Action: glacier:DeleteArchive
            Resource: !Sub "arn:aws:glacier:${AWS::Region}:${AWS::AccountId}:vaults/archive"
"#),
            cfn_good("A Deny to everyone is not a grant", r#"
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Archive:
    Type: AWS::Glacier::Vault
    Properties:
      AccessPolicy:
        Version: "2012-10-17"
        Statement:
          - Effect: Deny
            Principal: "*"
            Action: glacier:DeleteArchive
            Resource: !Sub "arn:aws:glacier:${AWS::Region}:${AWS::AccountId}:vaults/archive"
"#),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for v in &state.aws.glacier.vaults {
        resource_policy::check(report, &v.resource, &v.policies, &[], "Vault policy");
    }
}
