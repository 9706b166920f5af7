use crate::check::{cfn_bad, cfn_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags a trail whose logs are not encrypted with a KMS key.
    ///
    /// With SSE-KMS, reading the logs also needs the key, so a permissive log bucket alone
    /// does not expose the account's activity history.
    pub static CHECK = {
        id: "aws-cloudtrail-no-kms",
        title: "CloudTrail logs are not encrypted with KMS",
        severity: Medium,
        risk_score: 4.5,
        provider: Aws,
        service: "cloudtrail",
        formats: [Terraform, CloudFormation],
        compliance: {
            CIS_AWS: ["3.5"],
            NIST_800_53: ["AU-9", "SC-28"],
            ISO_27001: ["A.8.24"],
            SOC2: ["CC6.1"],
        },
        aliases: ["CKV_AWS_35", "AVD-AWS-0015", "aws-cloudtrail-encryption-customer-managed-key", "aws-cloudtrail-encryption-customer-key"],
        remediation: "Set `kms_key_id` to a customer-managed key whose policy allows CloudTrail to use it. In CloudFormation: `KMSKeyId`.",
        references: ["https://docs.aws.amazon.com/awscloudtrail/latest/userguide/encrypting-cloudtrail-log-files-with-aws-kms.html"],
        examples: [
            tf_bad("No key", r#"
resource "aws_cloudtrail" "main" {
  name                       = "main"
  s3_bucket_name             = "example-trail"
  is_multi_region_trail      = true
  enable_log_file_validation = true
}
"#),
            tf_good("A key joined by reference", r#"
resource "aws_kms_key" "trail" {
  enable_key_rotation = true
}

resource "aws_cloudtrail" "main" {
  name                       = "main"
  s3_bucket_name             = "example-trail"
  is_multi_region_trail      = true
  enable_log_file_validation = true
  kms_key_id                 = aws_kms_key.trail.arn
}
"#),
            cfn_bad("No key", r#"
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Main:
    Type: AWS::CloudTrail::Trail
    Properties:
      TrailName: main
      S3BucketName: example-trail
      IsLogging: true
      IsMultiRegionTrail: true
      EnableLogFileValidation: true
"#),
            cfn_bad("The key is only set when a parameter names one, and it defaults to empty", r#"
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  TrailKeyArn:
    Type: String
    Default: ""
Conditions:
  HasKey: !Not [!Equals [!Ref TrailKeyArn, ""]]
Resources:
  Main:
    Type: AWS::CloudTrail::Trail
    Properties:
      S3BucketName: example-trail
      IsLogging: true
      IsMultiRegionTrail: true
      EnableLogFileValidation: true
      KMSKeyId: !If [HasKey, !Ref TrailKeyArn, !Ref "AWS::NoValue"]
"#),
            cfn_good("A key of the same template", r#"
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  TrailKey:
    Type: AWS::KMS::Key
    Properties:
      EnableKeyRotation: true
  Main:
    Type: AWS::CloudTrail::Trail
    Properties:
      S3BucketName: example-trail
      IsLogging: true
      IsMultiRegionTrail: true
      EnableLogFileValidation: true
      KMSKeyId: !GetAtt TrailKey.Arn
"#),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for t in &state.aws.cloudtrail.trails {
        if t.kms_key_id.is_empty_str() {
            report.add(
                &t.resource,
                &t.kms_key_id.meta,
                "Trail logs are not encrypted with a KMS key",
            );
        } else if t.kms_key_id.is_non_empty() {
            report.pass(&t.resource);
        }
    }
}
