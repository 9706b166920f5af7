use crate::check::{Compliance, cfn_bad, cfn_good, cfn_json_bad, cfn_json_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags a symmetric customer-managed KMS key with automatic rotation off (the
    /// default). Asymmetric and HMAC keys cannot rotate automatically and are not flagged.
    ///
    /// Rotation limits how much data one key version protects and how long a leaked key
    /// stays useful.
    pub static CHECK = {
        id: "aws-kms-no-rotation",
        title: "KMS key rotation is off",
        severity: Medium,
        risk_score: 4.5,
        provider: "aws",
        service: "kms",
        formats: [Terraform, CloudFormation],
        compliance: Compliance {
            cis_aws: &["3.6"],
            nist_800_53: &["SC-12"],
            iso_27001: &["A.8.24"],
            soc2: &["CC6.1"],
        },
        aliases: ["CKV_AWS_7", "AVD-AWS-0065", "aws-kms-auto-rotate-keys", "cfn_nag:F19"],
        remediation: "Set `enable_key_rotation = true`. In CloudFormation: `EnableKeyRotation: true`.",
        references: ["https://docs.aws.amazon.com/kms/latest/developerguide/rotate-keys.html"],
        examples: [
            tf_bad("Rotation off for one key of a for_each", r#"
variable "keys" {
  default = {
    data = true
    logs = false
  }
}

resource "aws_kms_key" "key" {
  for_each            = var.keys
  description         = each.key
  enable_key_rotation = each.value
}
"#),
            tf_bad("Rotation omitted", r#"
resource "aws_kms_key" "data" {
  description = "data"
}
"#),
            tf_good("Rotation on", r#"
resource "aws_kms_key" "data" {
  description         = "data"
  enable_key_rotation = true
}
"#),
            tf_good("An asymmetric signing key cannot rotate", r#"
resource "aws_kms_key" "signing" {
  description              = "signing"
  customer_master_key_spec = "RSA_2048"
  key_usage                = "SIGN_VERIFY"
}
"#),
            cfn_bad("Rotation turned off by a parameter default", r#"
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  RotateKeys:
    Type: String
    Default: "false"
    AllowedValues: ["true", "false"]
Resources:
  Logs:
    Type: AWS::KMS::Key
    Properties:
      Description: logs
      EnableKeyRotation: !Ref RotateKeys
"#),
            cfn_bad("Rotation omitted", r#"
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Data:
    Type: AWS::KMS::Key
    Properties:
      Description: data
      KeyPolicy:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal:
              AWS: !Sub "arn:${AWS::Partition}:iam::${AWS::AccountId}:root"
            Action: kms:*
            Resource: "*"
"#),
            cfn_good("Rotation on", r#"
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Data:
    Type: AWS::KMS::Key
    Properties:
      Description: data
      EnableKeyRotation: true
      RotationPeriodInDays: 180
"#),
            cfn_good("An asymmetric signing key cannot rotate", r#"
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Signing:
    Type: AWS::KMS::Key
    Properties:
      Description: signing
      KeySpec: RSA_2048
      KeyUsage: SIGN_VERIFY
"#),
            cfn_json_bad("Rotation off for the key of one environment, chosen through a mapping", r#"
{
  "AWSTemplateFormatVersion": "2010-09-09",
  "Parameters": {
    "Environment": { "Type": "String", "Default": "dev" }
  },
  "Mappings": {
    "Keys": {
      "dev": { "Rotate": "false" },
      "prod": { "Rotate": "true" }
    }
  },
  "Resources": {
    "Data": {
      "Type": "AWS::KMS::Key",
      "Properties": {
        "Description": "data",
        "EnableKeyRotation": { "Fn::FindInMap": ["Keys", { "Ref": "Environment" }, "Rotate"] }
      }
    }
  }
}
"#),
            cfn_json_good("Rotation on, in JSON", r#"
{
  "AWSTemplateFormatVersion": "2010-09-09",
  "Resources": {
    "Data": {
      "Type": "AWS::KMS::Key",
      "Properties": {
        "Description": "data",
        "EnableKeyRotation": true
      }
    }
  }
}
"#),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for k in &state.aws.kms.keys {
        if k.customer_managed.is_true()
            && k.key_spec.eq_ignore_case("SYMMETRIC_DEFAULT")
            && k.rotation_enabled.is_false()
        {
            report.add(
                &k.resource,
                &k.rotation_enabled.meta,
                "Automatic rotation of this key is off",
            );
        }
    }
}
