use crate::check::{cfn_bad, cfn_good, cfn_json_bad, cfn_json_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags a queue with neither SQS-managed server-side encryption nor a KMS key.
    ///
    /// Messages often carry personal data or tokens; unencrypted, they sit in plain text on
    /// AWS storage for up to 14 days.
    pub static CHECK = {
        id: "aws-sqs-unencrypted",
        title: "SQS queue is not encrypted",
        severity: Low,
        risk_score: 3.5,
        provider: Aws,
        service: "sqs",
        formats: [Terraform, CloudFormation],
        compliance: {
            NIST_800_53: ["SC-28"],
            ISO_27001: ["A.8.24"],
            SOC2: ["CC6.1"],
        },
        aliases: ["CKV_AWS_27", "AVD-AWS-0096", "aws-sqs-enable-queue-encryption"],
        remediation: "Keep `sqs_managed_sse_enabled = true` (the default) or set `kms_master_key_id`. In CloudFormation: `SqsManagedSseEnabled` (true by default) or `KmsMasterKeyId`.",
        references: ["https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-server-side-encryption.html"],
        examples: [
            tf_bad("Encryption turned off through a module input", r#"
module "queue" {
  source  = "./modules/queue"
  encrypt = false
}

# file: modules/queue/main.tf
variable "encrypt" {
  default = true
}

resource "aws_sqs_queue" "this" {
  name                    = "jobs"
  sqs_managed_sse_enabled = var.encrypt
}
"#),
            tf_bad("SQS-managed encryption turned off", r#"
resource "aws_sqs_queue" "jobs" {
  name                    = "jobs"
  sqs_managed_sse_enabled = false
}
"#),
            tf_good("A KMS key", r#"
resource "aws_sqs_queue" "jobs" {
  name              = "jobs"
  kms_master_key_id = "alias/aws/sqs"
}
"#),
            cfn_bad("Encryption turned off by the parent of a nested stack", r#"
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Jobs:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: queue.yaml
      Parameters:
        Encrypt: "false"
# file: queue.yaml
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Encrypt:
    Type: String
    Default: "true"
Resources:
  Queue:
    Type: AWS::SQS::Queue
    Properties:
      QueueName: jobs
      SqsManagedSseEnabled: !Ref Encrypt
"#),
            cfn_bad("SQS-managed encryption turned off", r#"
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Jobs:
    Type: AWS::SQS::Queue
    Properties:
      QueueName: jobs
      SqsManagedSseEnabled: false
"#),
            cfn_good("A KMS key", r#"
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Jobs:
    Type: AWS::SQS::Queue
    Properties:
      QueueName: jobs
      KmsMasterKeyId: alias/aws/sqs
"#),
            cfn_good("Nothing set: SSE-SQS is on by default", r#"
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Jobs:
    Type: AWS::SQS::Queue
    Properties:
      QueueName: jobs
"#),
            cfn_json_bad("SQS-managed encryption turned off, in JSON", r#"
{
  "AWSTemplateFormatVersion": "2010-09-09",
  "Resources": {
    "Jobs": {
      "Type": "AWS::SQS::Queue",
      "Properties": {
        "QueueName": "jobs",
        "SqsManagedSseEnabled": false
      }
    }
  }
}
"#),
            cfn_json_good("A key of the same template, joined by Ref", r#"
{
  "AWSTemplateFormatVersion": "2010-09-09",
  "Resources": {
    "QueueKey": {
      "Type": "AWS::KMS::Key",
      "Properties": { "EnableKeyRotation": true }
    },
    "Jobs": {
      "Type": "AWS::SQS::Queue",
      "Properties": {
        "QueueName": "jobs",
        "SqsManagedSseEnabled": false,
        "KmsMasterKeyId": { "Ref": "QueueKey" }
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
    for q in &state.aws.sqs.queues {
        if q.sqs_managed_sse.is_false() && q.kms_master_key_id.is_empty_str() {
            report.add(
                &q.resource,
                &q.sqs_managed_sse.meta,
                "Queue is not encrypted",
            );
        } else if q.sqs_managed_sse.is_true() || q.kms_master_key_id.is_non_empty() {
            report.pass(&q.resource);
        }
    }
}
