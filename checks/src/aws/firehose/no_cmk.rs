use crate::check::{cfn_bad, cfn_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags a Kinesis Data Firehose delivery stream encrypted with an AWS owned key rather than a
    /// customer managed one: `server_side_encryption { enabled = true }` with `key_type =
    /// "AWS_OWNED_CMK"` (Terraform's default), CloudFormation
    /// `DeliveryStreamEncryptionConfigurationInput.KeyType: AWS_OWNED_CMK`. A delivery stream
    /// without server-side encryption is `aws-firehose-unencrypted`'s finding, not this check's.
    ///
    /// An AWS owned key is shared across accounts and invisible to you: no key policy limits who
    /// can decrypt the buffered records, CloudTrail does not show its use, and access cannot be
    /// revoked by disabling it.
    pub static CHECK = {
        id: "aws-firehose-no-cmk",
        title: "Firehose delivery stream is not encrypted with a customer managed key",
        severity: Low,
        risk_score: 3.0,
        provider: Aws,
        service: "firehose",
        formats: [Terraform, CloudFormation],
        status: Preview,
        compliance: {
            NIST_800_53: ["SC-12", "SC-28"],
            ISO_27001: ["A.8.24"],
            SOC2: ["CC6.1"],
        },
        aliases: ["CKV_AWS_241"],
        remediation: "Set `key_type = \"CUSTOMER_MANAGED_CMK\"` and `key_arn` (CloudFormation: `KeyType: CUSTOMER_MANAGED_CMK`, `KeyARN`).",
        references: ["https://docs.aws.amazon.com/firehose/latest/dev/encryption.html", "https://docs.aws.amazon.com/firehose/latest/APIReference/API_DeliveryStreamEncryptionConfigurationInput.html"],
        examples: [
            tf_bad("Encrypted with the default AWS owned key, enabled through a variable", r#"
variable "encrypt" {
  default = true
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
            tf_good("A customer managed key", r#"
resource "aws_kinesis_firehose_delivery_stream" "events" {
  name        = "events"
  destination = "extended_s3"

  server_side_encryption {
    enabled  = true
    key_type = "CUSTOMER_MANAGED_CMK"
    key_arn  = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
  }

  extended_s3_configuration {
    role_arn   = "arn:aws:iam::111122223333:role/firehose"
    bucket_arn = "arn:aws:s3:::events-archive"
  }
}
"#),
            cfn_bad("An AWS owned key through a parameter's default", r#"
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  KeyType:
    Type: String
    Default: AWS_OWNED_CMK
Resources:
  Events:
    Type: AWS::KinesisFirehose::DeliveryStream
    Properties:
      DeliveryStreamEncryptionConfigurationInput:
        KeyType: !Ref KeyType
      ExtendedS3DestinationConfiguration:
        BucketARN: arn:aws:s3:::events-archive
        RoleARN: arn:aws:iam::111122223333:role/firehose
"#),
            cfn_good("A customer managed key", r#"
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Events:
    Type: AWS::KinesisFirehose::DeliveryStream
    Properties:
      DeliveryStreamEncryptionConfigurationInput:
        KeyType: CUSTOMER_MANAGED_CMK
        KeyARN: arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab
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
        if !s.direct_put.is_true() || !s.encrypted.is_true() {
            continue;
        }
        let v = &s.key_type;
        if v.eq_ignore_case("AWS_OWNED_CMK") {
            report.add(
                &s.resource,
                &v.meta,
                "Records are encrypted with an AWS owned key, not a customer managed key",
            );
        } else if v.is_non_empty() {
            report.pass(&s.resource);
        }
    }
}
