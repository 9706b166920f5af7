use crate::check::{Fix, Format, cfn_bad, cfn_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags a trail with log file validation off (the default).
    ///
    /// Without digest files nobody can prove that logs were not altered or deleted after
    /// delivery, which is the first thing an intruder tries.
    pub static CHECK = {
        id: "aws-cloudtrail-no-log-validation",
        title: "CloudTrail log file validation is off",
        severity: Medium,
        risk_score: 5.0,
        provider: Aws,
        service: "cloudtrail",
        formats: [Terraform, CloudFormation],
        compliance: {
            CIS_AWS: ["3.2"],
            NIST_800_53: ["AU-9", "SI-7"],
            ISO_27001: ["A.8.15"],
            SOC2: ["CC7.2"],
        },
        aliases: ["CKV_AWS_36", "AVD-AWS-0016", "aws-cloudtrail-enable-log-validation"],
        remediation: "Set `enable_log_file_validation = true`. In CloudFormation: `EnableLogFileValidation: true`.",
        references: ["https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-log-file-validation-intro.html"],
        examples: [
            tf_bad("Validation turned off through a module input", r#"
module "audit" {
  source     = "./modules/trail"
  validation = false
}

# file: modules/trail/main.tf
variable "validation" {
  type    = bool
  default = true
}

resource "aws_cloudtrail" "this" {
  name                       = "audit"
  s3_bucket_name             = "example-trail"
  is_multi_region_trail      = true
  enable_log_file_validation = var.validation
}
"#),
            tf_bad("Validation omitted", r#"
resource "aws_cloudtrail" "main" {
  name                  = "main"
  s3_bucket_name        = "example-trail"
  is_multi_region_trail = true
}
"#),
            tf_good("Validation on", r#"
resource "aws_cloudtrail" "main" {
  name                       = "main"
  s3_bucket_name             = "example-trail"
  is_multi_region_trail      = true
  enable_log_file_validation = true
}
"#),
            cfn_bad("Validation turned off by the parent of a nested stack", r#"
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Audit:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: ./trail.yaml
      Parameters:
        Validation: "false"
# file: trail.yaml
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Validation:
    Type: String
    Default: "true"
Resources:
  Trail:
    Type: AWS::CloudTrail::Trail
    Properties:
      S3BucketName: example-trail
      IsLogging: true
      IsMultiRegionTrail: true
      EnableLogFileValidation: !Ref Validation
"#),
            cfn_bad("Validation omitted", r#"
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Main:
    Type: AWS::CloudTrail::Trail
    Properties:
      S3BucketName: example-trail
      IsLogging: true
      IsMultiRegionTrail: true
"#),
            cfn_good("Validation on", r#"
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
        ],
        fixes: [
            Fix::set(Format::Terraform, &["enable_log_file_validation"], "true"),
            Fix::set(Format::CloudFormation, &["EnableLogFileValidation"], "true"),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for t in &state.aws.cloudtrail.trails {
        if t.log_file_validation.is_false() {
            report.add(
                &t.resource,
                &t.log_file_validation.meta,
                "Trail log file validation is off",
            );
        } else if t.log_file_validation.is_true() {
            report.pass(&t.resource);
        }
    }
}
