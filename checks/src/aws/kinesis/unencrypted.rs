use crate::check::{cfn_bad, cfn_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags a Kinesis data stream without server-side encryption (`encryption_type` `NONE`, the
    /// default; no `StreamEncryption` in CloudFormation).
    ///
    /// Records stay in the stream for up to a year; unencrypted, they sit in plain text on AWS
    /// storage.
    pub static CHECK = {
        id: "aws-kinesis-unencrypted",
        title: "Kinesis data stream is not encrypted",
        severity: Medium,
        risk_score: 4.5,
        provider: Aws,
        service: "kinesis",
        formats: [Terraform, CloudFormation],
        status: Preview,
        compliance: {
            NIST_800_53: ["SC-28"],
            ISO_27001: ["A.8.24"],
            SOC2: ["CC6.1"],
        },
        aliases: ["CKV_AWS_43", "AVD-AWS-0064", "aws-kinesis-enable-in-transit-encryption"],
        remediation: "Set `encryption_type = \"KMS\"` with `kms_key_id` (CloudFormation: `StreamEncryption: {EncryptionType: KMS, KeyId: …}`).",
        references: ["https://docs.aws.amazon.com/streams/latest/dev/server-side-encryption.html"],
        examples: [
            tf_bad("No encryption through a variable's default", r#"
variable "encryption" {
  default = "NONE"
}

resource "aws_kinesis_stream" "events" {
  name             = "events"
  shard_count      = 1
  encryption_type  = var.encryption
}
"#),
            tf_good("KMS encryption", r#"
resource "aws_kinesis_stream" "events" {
  name            = "events"
  shard_count     = 1
  encryption_type = "KMS"
  kms_key_id      = "alias/aws/kinesis"
}
"#),
            cfn_bad("No encryption, the shard count from a parameter", r#"
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Shards:
    Type: Number
    Default: 1
Resources:
  Events:
    Type: AWS::Kinesis::Stream
    Properties:
      ShardCount: !Ref Shards
"#),
            cfn_good("KMS encryption", r#"
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Events:
    Type: AWS::Kinesis::Stream
    Properties:
      ShardCount: 1
      StreamEncryption:
        EncryptionType: KMS
        KeyId: alias/aws/kinesis
"#),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for r in &state.aws.kinesis.streams {
        let v = &r.encrypted;
        if v.is_false() {
            report.add(&r.resource, &v.meta, "The stream is not encrypted");
        } else if v.is_true() {
            report.pass(&r.resource);
        }
    }
}
