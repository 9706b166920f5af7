use crate::check::{cfn_bad, cfn_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags an EFS file system that is not encrypted at rest (the default).
    ///
    /// Encryption at rest can only be chosen when the file system is created.
    pub static CHECK = {
        id: "aws-efs-unencrypted",
        title: "EFS file system is not encrypted",
        severity: High,
        risk_score: 7.0,
        provider: Aws,
        service: "efs",
        formats: [Terraform, CloudFormation],
        compliance: {
            CIS_AWS: ["2.4.1"],
            NIST_800_53: ["SC-28", "SC-13"],
            ISO_27001: ["A.8.24"],
            SOC2: ["CC6.1"],
        },
        aliases: ["CKV_AWS_42", "AVD-AWS-0037", "aws-efs-enable-at-rest-encryption", "cfn_nag:F27"],
        remediation: "Set `encrypted = true` (and `kms_key_id` for a customer-managed key); migrate data to a new encrypted file system. In CloudFormation: `Encrypted: true` (and `KmsKeyId`).",
        references: ["https://docs.aws.amazon.com/efs/latest/ug/encryption.html"],
        examples: [
            tf_bad("Encryption from a conditional on a variable", r#"
variable "environment" {
  default = "dev"
}

resource "aws_efs_file_system" "shared" {
  creation_token = "shared"
  encrypted      = var.environment == "prod"
}
"#),
            tf_bad("Encryption omitted", r#"
resource "aws_efs_file_system" "shared" {
  creation_token = "shared"
}
"#),
            tf_good("Encrypted", r#"
resource "aws_efs_file_system" "shared" {
  creation_token = "shared"
  encrypted      = true
}
"#),
            cfn_bad("Encrypted only in production, and the default environment is dev", r#"
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Environment:
    Type: String
    Default: dev
Conditions:
  IsProd: !Equals [!Ref Environment, prod]
Resources:
  Shared:
    Type: AWS::EFS::FileSystem
    Properties:
      PerformanceMode: generalPurpose
      Encrypted: !If [IsProd, true, false]
"#),
            cfn_bad("Encryption omitted", r#"
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Shared:
    Type: AWS::EFS::FileSystem
    Properties:
      PerformanceMode: generalPurpose
"#),
            cfn_good("Encrypted with a key of the same template", r#"
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  FsKey:
    Type: AWS::KMS::Key
    Properties:
      EnableKeyRotation: true
  Shared:
    Type: AWS::EFS::FileSystem
    Properties:
      Encrypted: true
      KmsKeyId: !GetAtt FsKey.Arn
"#),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for fs in &state.aws.efs.file_systems {
        if fs.encrypted.is_false() {
            report.add(
                &fs.resource,
                &fs.encrypted.meta,
                "File system is not encrypted",
            );
        } else if fs.encrypted.is_true() {
            report.pass(&fs.resource);
        }
    }
}
