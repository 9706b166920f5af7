use crate::check::{cfn_bad, cfn_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags an ECR repository whose images are encrypted with Amazon S3-managed keys
    /// (`AES256`) rather than a KMS key: `encryption_configuration.encryption_type` absent
    /// or `AES256` in Terraform, `EncryptionConfiguration.EncryptionType` in CloudFormation.
    /// A repository that configures no encryption uses `AES256`.
    ///
    /// With S3-managed keys, who can read the images is decided by IAM and the repository
    /// policy alone; a KMS key adds a key policy as a separate control, and CloudTrail
    /// records every use of the key.
    pub static CHECK = {
        id: "aws-ecr-no-kms-encryption",
        title: "ECR repository is not encrypted with a KMS key",
        severity: Low,
        risk_score: 3.0,
        provider: Aws,
        service: "ecr",
        formats: [Terraform, CloudFormation],
        status: Preview,
        compliance: {
            NIST_800_53: ["SC-12", "SC-28"],
            ISO_27001: ["A.8.24"],
            SOC2: ["CC6.1"],
        },
        aliases: ["CKV_AWS_136", "AVD-AWS-0033", "aws-ecr-repository-customer-key"],
        remediation: "Set `encryption_configuration { encryption_type = \"KMS\"; kms_key = <key ARN> }` (CloudFormation: `EncryptionConfiguration: {EncryptionType: KMS, KmsKey: …}`); the setting applies to new repositories only.",
        references: ["https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_EncryptionConfiguration.html"],
        examples: [
            tf_bad("No encryption configuration: AES256", r#"
resource "aws_ecr_repository" "app" {
  name = "app"
}
"#),
            tf_good("KMS encryption, its type from a variable", r#"
variable "encryption" {
  default = "KMS"
}

resource "aws_ecr_repository" "app" {
  name = "app"
  encryption_configuration {
    encryption_type = var.encryption
    kms_key         = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
  }
}
"#),
            cfn_bad("AES256 named explicitly, chosen by a condition", r#"
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  UseKms:
    Type: String
    Default: "false"
Conditions:
  Kms: !Equals [!Ref UseKms, "true"]
Resources:
  App:
    Type: AWS::ECR::Repository
    Properties:
      EncryptionConfiguration:
        EncryptionType: !If [Kms, KMS, AES256]
"#),
            cfn_good("KMS encryption", r#"
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  App:
    Type: AWS::ECR::Repository
    Properties:
      EncryptionConfiguration:
        EncryptionType: KMS
"#),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for r in &state.aws.ecr.repositories {
        let t = &r.encryption_type;
        if t.eq_ignore_case("AES256") {
            report.add(
                &r.resource,
                &t.meta,
                "Repository images are encrypted with S3-managed keys (AES256), not a KMS key",
            );
        } else if t.is_one_of(&["KMS", "KMS_DSSE"]) {
            report.pass(&r.resource);
        }
    }
}
