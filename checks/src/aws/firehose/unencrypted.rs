use crate::check::{cfn_bad, cfn_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags a Kinesis Data Firehose delivery stream fed by Direct PUT without server-side
    /// encryption (`server_side_encryption { enabled = true }`; CloudFormation:
    /// `DeliveryStreamEncryptionConfigurationInput`). Encryption is off unless configured. A
    /// delivery stream that reads a Kinesis data stream (`kinesis_source_configuration`,
    /// `DeliveryStreamType: KinesisStreamAsSource`) or an MSK topic keeps the source's encryption
    /// and cannot enable its own: it is not judged.
    ///
    /// Without it, the records Firehose buffers before delivery (up to 24 hours when the
    /// destination is unavailable) are not encrypted with a KMS key you can control or audit.
    pub static CHECK = {
        id: "aws-firehose-unencrypted",
        title: "Firehose delivery stream is not encrypted",
        severity: Medium,
        risk_score: 4.5,
        provider: Aws,
        service: "firehose",
        formats: [Terraform, CloudFormation],
        status: Preview,
        compliance: {
            NIST_800_53: ["SC-28"],
            ISO_27001: ["A.8.24"],
            SOC2: ["CC6.1"],
        },
        aliases: ["CKV_AWS_240"],
        remediation: "Add `server_side_encryption { enabled = true, key_type = \"CUSTOMER_MANAGED_CMK\", key_arn = ... }` (CloudFormation: `DeliveryStreamEncryptionConfigurationInput: {KeyType: CUSTOMER_MANAGED_CMK, KeyARN: ...}`).",
        references: ["https://docs.aws.amazon.com/firehose/latest/dev/encryption.html", "https://docs.aws.amazon.com/firehose/latest/APIReference/API_DeliveryStreamEncryptionConfigurationInput.html"],
        examples: [
            tf_bad("Encryption disabled through a variable", r#"
variable "encrypt" {
  default = false
}

resource "aws_kinesis_firehose_delivery_stream" "events" {
  name        = "events"
  destination = "extended_s3"

  server_side_encryption {
    enabled = var.encrypt
  }

  extended_s3_configuration {
    role_arn   = "arn:aws:iam::111122223333:role/firehose"
    bucket_arn = "arn:aws:s3:::events-archive"
  }
}
"#),
            tf_good("Encrypted with a customer managed key; a stream-sourced one is not judged", r#"
resource "aws_kms_key" "firehose" {
  description         = "Firehose"
  enable_key_rotation = true
}

resource "aws_kinesis_firehose_delivery_stream" "events" {
  name        = "events"
  destination = "extended_s3"

  server_side_encryption {
    enabled  = true
    key_type = "CUSTOMER_MANAGED_CMK"
    key_arn  = aws_kms_key.firehose.arn
  }

  extended_s3_configuration {
    role_arn   = "arn:aws:iam::111122223333:role/firehose"
    bucket_arn = "arn:aws:s3:::events-archive"
  }
}

resource "aws_kinesis_firehose_delivery_stream" "from_stream" {
  name        = "from-stream"
  destination = "extended_s3"

  kinesis_source_configuration {
    kinesis_stream_arn = "arn:aws:kinesis:eu-west-1:111122223333:stream/clicks"
    role_arn           = "arn:aws:iam::111122223333:role/firehose"
  }

  extended_s3_configuration {
    role_arn   = "arn:aws:iam::111122223333:role/firehose"
    bucket_arn = "arn:aws:s3:::events-archive"
  }
}
"#),
            cfn_bad("Encryption only under a condition that is false by default", r#"
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Encrypt:
    Type: String
    Default: "false"
Conditions:
  ShouldEncrypt: !Equals [!Ref Encrypt, "true"]
Resources:
  Events:
    Type: AWS::KinesisFirehose::DeliveryStream
    Properties:
      DeliveryStreamType: DirectPut
      DeliveryStreamEncryptionConfigurationInput: !If
        - ShouldEncrypt
        - KeyType: AWS_OWNED_CMK
        - !Ref AWS::NoValue
      ExtendedS3DestinationConfiguration:
        BucketARN: arn:aws:s3:::events-archive
        RoleARN: arn:aws:iam::111122223333:role/firehose
"#),
            cfn_good("Encrypted with a key from a parameter", r#"
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  KeyArn:
    Type: String
    Default: arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab
Resources:
  Events:
    Type: AWS::KinesisFirehose::DeliveryStream
    Properties:
      DeliveryStreamEncryptionConfigurationInput:
        KeyType: CUSTOMER_MANAGED_CMK
        KeyARN: !Ref KeyArn
      ExtendedS3DestinationConfiguration:
        BucketARN: arn:aws:s3:::events-archive
        RoleARN: arn:aws:iam::111122223333:role/firehose
"#),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for s in &state.aws.firehose.delivery_streams {
        if !s.direct_put.is_true() {
            continue;
        }
        let v = &s.encrypted;
        if v.is_false() {
            report.add(
                &s.resource,
                &v.meta,
                "Server-side encryption is not enabled",
            );
        } else if v.is_true() {
            report.pass(&s.resource);
        }
    }
}
