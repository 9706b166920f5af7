use crate::aws::resource_policy;
use crate::check::{cfn_bad, cfn_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

/// KMS's key for the account of the caller; AWS managed key policies narrow their
/// wildcard principal with it.
const KMS_NARROWING_KEYS: [&str; 1] = ["kms:calleraccount"];

declare_check! {
    /// Flags a KMS key whose key policy has an Allow statement for `Principal: "*"` (or
    /// `{"AWS": "*"}`, or everyone but a `NotPrincipal` list) without a condition that
    /// narrows who can use it (`kms:CallerAccount`, `aws:PrincipalOrgID`,
    /// `aws:PrincipalAccount`, `aws:SourceAccount`, `aws:SourceArn`, `aws:SourceVpc`,
    /// `aws:SourceVpce`, `aws:SourceIp`). The key policy is the `policy` attribute of
    /// `aws_kms_key` or an `aws_kms_key_policy` naming the key (`KeyPolicy` of
    /// `AWS::KMS::Key`).
    ///
    /// A key policy is the primary control over a key: a statement for everyone lets any
    /// AWS account decrypt with the key (and so read whatever it protects), or administer
    /// and delete it, depending on the actions granted. A key without a declared policy gets
    /// KMS's default key policy, which admits only the owner account. A policy that cannot
    /// be evaluated is not flagged.
    pub static CHECK = {
        id: "aws-kms-public-key-policy",
        title: "KMS key policy allows anyone",
        severity: Critical,
        risk_score: 9.5,
        provider: Aws,
        service: "kms",
        formats: [Terraform, CloudFormation],
        status: Preview,
        compliance: {
            NIST_800_53: ["AC-3", "AC-6", "SC-12"],
            ISO_27001: ["A.5.15", "A.8.24"],
            SOC2: ["CC6.1"],
        },
        aliases: ["CKV_AWS_33", "cfn_nag:F76"],
        remediation: "Name the accounts or roles that use the key (`arn:aws:iam::<account>:root` for the owner account), or keep `\"*\"` only with a condition such as `kms:CallerAccount` or `aws:PrincipalOrgID`.",
        references: [
            "https://docs.aws.amazon.com/kms/latest/developerguide/key-policies.html",
            "https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html",
        ],
        examples: [
            tf_bad("A key policy lets everyone use the key", r#"
resource "aws_kms_key" "data" {
  description = "data"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "Everyone"
      Effect    = "Allow"
      Principal = { AWS = "*" }
      Action    = ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey*"]
      Resource  = "*"
    }]
  })
}
"#),
            tf_good("The owner account administers the key, a separate key policy resource, the account from a variable", r#"
variable "account_id" {
  default = "123456789012"
}

resource "aws_kms_key" "data" {
  description = "data"
}

resource "aws_kms_key_policy" "data" {
  key_id = aws_kms_key.data.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "Owner"
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::${var.account_id}:root" }
      Action    = "kms:*"
      Resource  = "*"
    }]
  })
}
"#),
            tf_good("A key without a declared policy gets the default one", r#"
resource "aws_kms_key" "data" {
  description = "data"
}
"#),
            cfn_bad("A key policy grants decryption to everyone", r#"
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  AdminRoleArn:
    Type: String
    Default: arn:aws:iam::123456789012:role/admin
Resources:
  DataKey:
    Type: AWS::KMS::Key
    Properties:
      KeyPolicy:
        Version: "2012-10-17"
        Statement:
          - Sid: Admin
            Effect: Allow
            Principal:
              AWS: !Ref AdminRoleArn
            Action: kms:*
            Resource: "*"
          - Sid: Use
            Effect: Allow
            Principal: "*"
            Action: kms:Decrypt
            Resource: "*"
"#),
            cfn_good("Everyone in the account, through one service", r#"
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  AdminRoleArn:
    Type: String
    Default: arn:aws:iam::123456789012:role/admin
Resources:
  DataKey:
    Type: AWS::KMS::Key
    Properties:
      KeyPolicy:
        Version: "2012-10-17"
        Statement:
          - Sid: Admin
            Effect: Allow
            Principal:
              AWS: !Ref AdminRoleArn
            Action: kms:*
            Resource: "*"
          - Sid: ThroughEbs
            Effect: Allow
            Principal:
              AWS: "*"
            Action:
              - kms:Decrypt
              - kms:CreateGrant
            Resource: "*"
            Condition:
              StringEquals:
                kms:CallerAccount: "123456789012"
                kms:ViaService: ec2.eu-west-1.amazonaws.com
"#),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for k in &state.aws.kms.keys {
        resource_policy::check(
            report,
            &k.resource,
            &k.policies,
            &KMS_NARROWING_KEYS,
            "Key policy",
        );
    }
}
