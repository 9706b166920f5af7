use crate::check::{Fix, Format, cfn_bad, cfn_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags a trail with `include_global_service_events` (`IncludeGlobalServiceEvents`)
    /// set to false. Absent, it is on.
    ///
    /// Global services (IAM, STS, CloudFront) log to us-east-1 only, through trails that
    /// include global service events: a trail without them never records who created an
    /// access key, changed a policy or assumed a role, the events an investigation needs
    /// first. On a multi-Region trail AWS rejects the setting, so the deployment itself
    /// fails; the finding says so.
    pub static CHECK = {
        id: "aws-cloudtrail-no-global-service-events",
        title: "CloudTrail trail excludes global service events (IAM, STS)",
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
        aliases: [],
        remediation: "Remove `include_global_service_events = false` (it defaults to true). In CloudFormation: remove `IncludeGlobalServiceEvents: false`.",
        references: ["https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-concepts.html#cloudtrail-concepts-global-service-events"],
        examples: [
            tf_bad("Global events turned off by a variable default", r#"
variable "record_iam" {
  type    = bool
  default = false
}

resource "aws_cloudtrail" "audit" {
  name                          = "audit"
  s3_bucket_name                = "audit-logs"
  enable_log_file_validation    = true
  include_global_service_events = var.record_iam
}
"#),
            tf_good("Global events recorded by default", r#"
resource "aws_cloudtrail" "audit" {
  name                       = "audit"
  s3_bucket_name             = "audit-logs"
  is_multi_region_trail      = true
  enable_log_file_validation = true
}
"#),
            tf_good("Whether global events are recorded is not guessed", r#"
variable "record_iam" {
  type = bool
}

resource "aws_cloudtrail" "audit" {
  name                          = "audit"
  s3_bucket_name                = "audit-logs"
  include_global_service_events = var.record_iam
}
"#),
            cfn_bad("Global events off on a multi-Region trail, chosen by a condition", r"
Parameters:
  Environment:
    Type: String
    Default: dev
Conditions:
  IsProd: !Equals [!Ref Environment, prod]
Resources:
  Audit:
    Type: AWS::CloudTrail::Trail
    Properties:
      IsLogging: true
      S3BucketName: audit-logs
      IsMultiRegionTrail: true
      IncludeGlobalServiceEvents: !If [IsProd, true, false]
"),
            cfn_good("Global events recorded", r"
Resources:
  Audit:
    Type: AWS::CloudTrail::Trail
    Properties:
      IsLogging: true
      S3BucketName: audit-logs
      IsMultiRegionTrail: true
      IncludeGlobalServiceEvents: true
"),
        ],
        fixes: [
            Fix::set(Format::Terraform, &["include_global_service_events"], "true"),
            Fix::set(Format::CloudFormation, &["IncludeGlobalServiceEvents"], "true"),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for t in &state.aws.cloudtrail.trails {
        if t.global_service_events.is_false() {
            let message = if t.multi_region.is_true() {
                "Trail excludes global service events (IAM, STS, CloudFront); AWS also rejects this on a multi-Region trail"
            } else {
                "Trail excludes global service events (IAM, STS, CloudFront)"
            };
            report.add(&t.resource, &t.global_service_events.meta, message);
        } else if t.global_service_events.is_true() {
            report.pass(&t.resource);
        }
    }
}
