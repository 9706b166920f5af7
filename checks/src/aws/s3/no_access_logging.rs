use crate::check::{cfn_bad, cfn_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags a bucket without server access logging.
    ///
    /// Access logs are how you learn who read or changed objects after an incident; they
    /// cannot be produced retroactively.
    pub static CHECK = {
        id: "aws-s3-no-access-logging",
        title: "S3 bucket access logging is not configured",
        severity: Low,
        risk_score: 3.0,
        provider: Aws,
        service: "s3",
        formats: [Terraform, CloudFormation],
        compliance: {
            NIST_800_53: ["AU-2", "AU-12"],
            ISO_27001: ["A.8.15"],
            SOC2: ["CC7.2"],
        },
        aliases: ["CKV_AWS_18", "AVD-AWS-0089", "aws-s3-enable-logging", "aws-s3-enable-bucket-logging", "cfn_nag:W35"],
        remediation: "Add an `aws_s3_bucket_logging` resource that sends access logs to a dedicated log bucket. In CloudFormation: the bucket's `LoggingConfiguration` with a `DestinationBucketName`.",
        references: ["https://docs.aws.amazon.com/AmazonS3/latest/userguide/ServerLogs.html"],
        examples: [
            tf_bad("Logging declared for one bucket only", r#"
resource "aws_s3_bucket" "data" {
  bucket = "example-data"
}

resource "aws_s3_bucket" "logs" {
  bucket = "example-logs"
}

resource "aws_s3_bucket_logging" "data" {
  bucket        = aws_s3_bucket.data.id
  target_bucket = aws_s3_bucket.logs.id
  target_prefix = "data/"
}
"#),
            tf_bad("No logging declared", r#"
resource "aws_s3_bucket" "data" {
  bucket = "example-data"
}
"#),
            tf_good("Logging through the split resource, joined by bucket name", r#"
resource "aws_s3_bucket" "data" {
  bucket = "example-data"
}

resource "aws_s3_bucket_logging" "data" {
  bucket        = "example-data"
  target_bucket = "example-logs"
  target_prefix = "data/"
}
"#),
            cfn_bad("Logging declared for one bucket only (the log bucket has none)", r#"
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Logs:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: example-logs
  Data:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: example-data
      LoggingConfiguration:
        DestinationBucketName: !Ref Logs
        LogFilePrefix: data/
"#),
            cfn_bad("No logging declared", r#"
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Data:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: example-data
"#),
            cfn_good("Logging to a bucket named by a parameter", r#"
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  LogBucket:
    Type: String
    Default: example-logs
Resources:
  Data:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: example-data
      LoggingConfiguration:
        DestinationBucketName: !Ref LogBucket
        LogFilePrefix: data/
"#),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for bucket in &state.aws.s3.buckets {
        if bucket.logging_enabled.is_false() {
            report.add(
                &bucket.resource,
                &bucket.logging_enabled.meta,
                "Bucket has no server access logging",
            );
        } else if bucket.logging_enabled.is_true() {
            report.pass(&bucket.resource);
        }
    }
}
