use crate::check::{cfn_bad, cfn_good, cfn_json_bad, cfn_json_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags a trail that is not multi-region (the default).
    ///
    /// Attackers deliberately work in regions nobody watches; a single-region trail misses
    /// everything they do there.
    pub static CHECK = {
        id: "aws-cloudtrail-single-region",
        title: "CloudTrail trail covers a single region",
        severity: Medium,
        risk_score: 5.5,
        provider: Aws,
        service: "cloudtrail",
        formats: [Terraform, CloudFormation],
        compliance: {
            CIS_AWS: ["3.1"],
            NIST_800_53: ["AU-2", "AU-12"],
            ISO_27001: ["A.8.15"],
            SOC2: ["CC7.2"],
        },
        aliases: ["CKV_AWS_67", "AVD-AWS-0014", "aws-cloudtrail-enable-all-regions"],
        remediation: "Set `is_multi_region_trail = true`. In CloudFormation: `IsMultiRegionTrail: true`.",
        references: ["https://docs.aws.amazon.com/awscloudtrail/latest/userguide/receive-cloudtrail-log-files-from-multiple-regions.html"],
        examples: [
            tf_bad("Only the trail of one environment is single-region", r#"
variable "trails" {
  default = {
    prod    = { multi_region = true }
    staging = { multi_region = false }
  }
}

resource "aws_cloudtrail" "env" {
  for_each                   = var.trails
  name                       = each.key
  s3_bucket_name             = "example-trail-${each.key}"
  is_multi_region_trail      = each.value.multi_region
  enable_log_file_validation = true
}
"#),
            tf_bad("The default single-region trail", r#"
resource "aws_cloudtrail" "main" {
  name                       = "main"
  s3_bucket_name             = "example-trail"
  enable_log_file_validation = true
  kms_key_id                 = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
}
"#),
            tf_good("Multi-region", r#"
resource "aws_cloudtrail" "main" {
  name                       = "main"
  s3_bucket_name             = "example-trail"
  is_multi_region_trail      = true
  enable_log_file_validation = true
}
"#),
            cfn_bad("Multi-region only in production, and the default environment is staging", r#"
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Environment:
    Type: String
    Default: staging
    AllowedValues: [staging, prod]
Conditions:
  IsProd: !Equals [!Ref Environment, prod]
Resources:
  Main:
    Type: AWS::CloudTrail::Trail
    Properties:
      TrailName: !Sub "${Environment}-trail"
      S3BucketName: !Sub "example-trail-${Environment}"
      IsLogging: true
      IsMultiRegionTrail: !If [IsProd, true, false]
      EnableLogFileValidation: true
"#),
            cfn_bad("The default single-region trail", r#"
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Main:
    Type: AWS::CloudTrail::Trail
    Properties:
      S3BucketName: example-trail
      IsLogging: true
      EnableLogFileValidation: true
      KMSKeyId: arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab
"#),
            cfn_good("Multi-region", r#"
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Main:
    Type: AWS::CloudTrail::Trail
    Properties:
      S3BucketName: example-trail
      IsLogging: true
      IsMultiRegionTrail: true
      EnableLogFileValidation: true
"#),
            cfn_json_bad("The default single-region trail, in JSON", r#"
{
  "AWSTemplateFormatVersion": "2010-09-09",
  "Resources": {
    "Main": {
      "Type": "AWS::CloudTrail::Trail",
      "Properties": {
        "S3BucketName": "example-trail",
        "IsLogging": true,
        "EnableLogFileValidation": true
      }
    }
  }
}
"#),
            cfn_json_good("Multi-region, with the log bucket joined by Ref", r#"
{
  "AWSTemplateFormatVersion": "2010-09-09",
  "Resources": {
    "TrailBucket": {
      "Type": "AWS::S3::Bucket"
    },
    "Main": {
      "Type": "AWS::CloudTrail::Trail",
      "Properties": {
        "S3BucketName": { "Ref": "TrailBucket" },
        "IsLogging": true,
        "IsMultiRegionTrail": true,
        "EnableLogFileValidation": true
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
    for t in &state.aws.cloudtrail.trails {
        if t.multi_region.is_false() {
            report.add(
                &t.resource,
                &t.multi_region.meta,
                "Trail records only its home region",
            );
        } else if t.multi_region.is_true() {
            report.pass(&t.resource);
        }
    }
}
