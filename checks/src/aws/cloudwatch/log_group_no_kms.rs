use crate::check::{cfn_bad, cfn_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags a CloudWatch Logs log group without a customer managed KMS key (`kms_key_id`,
    /// `KmsKeyId`).
    ///
    /// Log events carry request data, tokens and personal data. Without a key of your own, anyone
    /// with `logs:GetLogEvents` reads them, and you cannot revoke access to old events by disabling
    /// a key.
    pub static CHECK = {
        id: "aws-cloudwatch-log-group-no-kms",
        title: "CloudWatch log group is not encrypted with a KMS key",
        severity: Low,
        risk_score: 3.0,
        provider: Aws,
        service: "cloudwatch",
        formats: [Terraform, CloudFormation],
        status: Preview,
        compliance: {
            NIST_800_53: ["SC-28", "AU-9"],
            ISO_27001: ["A.8.24"],
            SOC2: ["CC6.1"],
        },
        aliases: ["CKV_AWS_158", "AVD-AWS-0017", "aws-cloudwatch-log-group-customer-key"],
        remediation: "Set `kms_key_id` (CloudFormation: `KmsKeyId`) to a KMS key whose policy lets CloudWatch Logs use it.",
        references: ["https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html"],
        examples: [
            tf_bad("No key, the retention from a variable", r#"
variable "retention" {
  default = 365
}

resource "aws_cloudwatch_log_group" "app" {
  name = "/app/api"
  retention_in_days = var.retention
}
"#),
            tf_good("A KMS key", r#"
resource "aws_cloudwatch_log_group" "app" {
  name = "/app/api"
  retention_in_days = 365
  kms_key_id        = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
}
"#),
            cfn_bad("No key, the retention from a parameter", r#"
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Retention:
    Type: Number
    Default: 365
Resources:
  AppLogs:
    Type: AWS::Logs::LogGroup
    Properties:
      LogGroupName: /app/api
      RetentionInDays: !Ref Retention
"#),
            cfn_good("A KMS key", r#"
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  AppLogs:
    Type: AWS::Logs::LogGroup
    Properties:
      LogGroupName: /app/api
      RetentionInDays: 365
      KmsKeyId: arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab
"#),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for g in &state.aws.cloudwatch.log_groups {
        let v = &g.kms_key_id;
        if v.is_empty_str() {
            report.add(&g.resource, &v.meta, "The log group has no KMS key");
        } else if v.is_non_empty() {
            report.pass(&g.resource);
        }
    }
}
