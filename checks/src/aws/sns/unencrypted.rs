use crate::check::{cfn_bad, cfn_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags a topic without a KMS key (SNS does not encrypt messages at rest by default).
    ///
    /// Encrypted topics keep notification payloads unreadable on AWS storage and put their
    /// access behind a key policy.
    pub static CHECK = {
        id: "aws-sns-unencrypted",
        title: "SNS topic is not encrypted",
        severity: Low,
        risk_score: 3.0,
        provider: Aws,
        service: "sns",
        formats: [Terraform, CloudFormation],
        compliance: {
            NIST_800_53: ["SC-28"],
            ISO_27001: ["A.8.24"],
            SOC2: ["CC6.1"],
        },
        aliases: ["CKV_AWS_26", "AVD-AWS-0095", "aws-sns-enable-topic-encryption"],
        remediation: "Set `kms_master_key_id` (a customer-managed key, or `alias/aws/sns`). In CloudFormation: `KmsMasterKeyId`.",
        references: ["https://docs.aws.amazon.com/sns/latest/dg/sns-server-side-encryption.html"],
        examples: [
            tf_bad("A key from a variable that is empty by default", r#"
variable "kms_key" {
  default = ""
}

resource "aws_sns_topic" "alerts" {
  name              = "alerts"
  kms_master_key_id = var.kms_key == "" ? null : var.kms_key
}
"#),
            tf_bad("No key", r#"
resource "aws_sns_topic" "alerts" {
  name = "alerts"
}
"#),
            tf_good("Encrypted", r#"
resource "aws_sns_topic" "alerts" {
  name              = "alerts"
  kms_master_key_id = "alias/aws/sns"
}
"#),
            cfn_bad("A key from a parameter that is empty by default", r#"
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  KmsKey:
    Type: String
    Default: ""
Conditions:
  HasKey: !Not [!Equals [!Ref KmsKey, ""]]
Resources:
  Alerts:
    Type: AWS::SNS::Topic
    Properties:
      TopicName: alerts
      KmsMasterKeyId: !If [HasKey, !Ref KmsKey, !Ref "AWS::NoValue"]
"#),
            cfn_bad("No key", r#"
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Alerts:
    Type: AWS::SNS::Topic
    Properties:
      TopicName: alerts
"#),
            cfn_good("Encrypted", r#"
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Alerts:
    Type: AWS::SNS::Topic
    Properties:
      TopicName: alerts
      KmsMasterKeyId: alias/aws/sns
"#),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for t in &state.aws.sns.topics {
        if t.kms_master_key_id.is_empty_str() {
            report.add(
                &t.resource,
                &t.kms_master_key_id.meta,
                "Topic is not encrypted with a KMS key",
            );
        } else if t.kms_master_key_id.is_non_empty() {
            report.pass(&t.resource);
        }
    }
}
