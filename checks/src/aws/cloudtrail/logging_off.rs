use crate::check::{cfn_bad, cfn_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags a trail that is not recording: Terraform `enable_logging = false`,
    /// CloudFormation `IsLogging: false`, or a live trail whose GetTrailStatus says it is
    /// not logging.
    ///
    /// Stopping a trail is the first move of an intruder who wants to act unseen; a trail
    /// that exists but does not log gives false comfort.
    pub static CHECK = {
        id: "aws-cloudtrail-logging-off",
        title: "CloudTrail trail is not logging",
        severity: High,
        risk_score: 7.5,
        provider: Aws,
        service: "cloudtrail",
        formats: [Terraform, CloudFormation],
        compliance: {
            CIS_AWS: ["3.1"],
            NIST_800_53: ["AU-2", "AU-12"],
            ISO_27001: ["A.8.15"],
            SOC2: ["CC7.2"],
        },
        aliases: ["CKV_AWS_251"],
        remediation: "Set `enable_logging = true` (or remove it: logging is on by default); in CloudFormation set `IsLogging: true`. On a live trail, call StartLogging and find out who stopped it.",
        references: ["https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_GetTrailStatus.html"],
        examples: [
            tf_bad("Logging switched off through a variable", r#"
variable "audit_enabled" {
  default = false
}

resource "aws_cloudtrail" "main" {
  name                       = "main"
  s3_bucket_name             = "example-trail"
  is_multi_region_trail      = true
  enable_log_file_validation = true
  enable_logging             = var.audit_enabled
}
"#),
            tf_good("Logging on by default", r#"
resource "aws_cloudtrail" "main" {
  name                       = "main"
  s3_bucket_name             = "example-trail"
  is_multi_region_trail      = true
  enable_log_file_validation = true
}
"#),
            cfn_bad("Logging switched off through a parameter", r#"
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  AuditEnabled:
    Type: String
    AllowedValues: ["true", "false"]
    Default: "false"
Resources:
  Trail:
    Type: AWS::CloudTrail::Trail
    Properties:
      S3BucketName: example-trail
      IsLogging: !Ref AuditEnabled
      IsMultiRegionTrail: true
      EnableLogFileValidation: true
"#),
            cfn_good("Logging on", r#"
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Trail:
    Type: AWS::CloudTrail::Trail
    Properties:
      S3BucketName: example-trail
      IsLogging: true
      IsMultiRegionTrail: true
      EnableLogFileValidation: true
"#),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for t in &state.aws.cloudtrail.trails {
        if t.logging.is_false() {
            report.add(&t.resource, &t.logging.meta, "Trail is not logging");
        } else if t.logging.is_true() {
            report.pass(&t.resource);
        }
    }
}
