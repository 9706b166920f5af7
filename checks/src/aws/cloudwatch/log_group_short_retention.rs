use crate::check::{cfn_bad, cfn_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags a CloudWatch Logs log group whose retention is set to fewer than 365 days. A log group
    /// without a retention setting keeps events indefinitely.
    ///
    /// Intrusions are often found months after they began; logs that have already expired cannot
    /// tell what happened.
    pub static CHECK = {
        id: "aws-cloudwatch-log-group-short-retention",
        title: "CloudWatch log group keeps events less than a year",
        severity: Low,
        risk_score: 2.5,
        provider: Aws,
        service: "cloudwatch",
        formats: [Terraform, CloudFormation],
        status: Preview,
        compliance: {
            NIST_800_53: ["AU-11"],
            ISO_27001: ["A.8.15"],
            SOC2: ["CC7.2"],
        },
        aliases: ["CKV_AWS_338"],
        remediation: "Set `retention_in_days` (CloudFormation: `RetentionInDays`) to 365 or more, or leave it unset to keep events indefinitely.",
        references: ["https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/Working-with-log-groups-and-streams.html#SettingLogRetention"],
        examples: [
            tf_bad("30 days through a variable's default", r#"
variable "retention" {
  default = 30
}

resource "aws_cloudwatch_log_group" "app" {
  name = "/app/api"
  retention_in_days = var.retention
  kms_key_id        = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
}
"#),
            tf_good("A year", r#"
resource "aws_cloudwatch_log_group" "app" {
  name = "/app/api"
  retention_in_days = 365
  kms_key_id        = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
}
"#),
            cfn_bad("30 days through a parameter's default", r#"
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Retention:
    Type: Number
    Default: 30
Resources:
  AppLogs:
    Type: AWS::Logs::LogGroup
    Properties:
      LogGroupName: /app/api
      RetentionInDays: !Ref Retention
      KmsKeyId: arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab
"#),
            cfn_good("No retention: kept indefinitely", r#"
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  AppLogs:
    Type: AWS::Logs::LogGroup
    Properties:
      LogGroupName: /app/api
      KmsKeyId: arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab
"#),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for g in &state.aws.cloudwatch.log_groups {
        let v = &g.retention_days;
        match v.known() {
            Some(&d) if d > 0 && d < 365 => {
                report.add(&g.resource, &v.meta, format!("Events are kept {d} days"));
            }
            Some(_) => report.pass(&g.resource),
            None => {}
        }
    }
}
