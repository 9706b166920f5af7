use crate::check::{cfn_bad, cfn_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags a bucket without versioning enabled.
    ///
    /// A bucket with Object Lock passes: Object Lock turns versioning on and it cannot be
    /// suspended. When Object Lock is Unknown (a variable without a value) and versioning is
    /// off, nothing is concluded.
    ///
    /// Without versioning an overwrite or delete, by mistake or by ransomware, destroys the
    /// only copy of an object.
    pub static CHECK = {
        id: "aws-s3-no-versioning",
        title: "S3 bucket versioning is not enabled",
        severity: Medium,
        risk_score: 4.5,
        provider: Aws,
        service: "s3",
        formats: [Terraform, CloudFormation],
        compliance: {
            NIST_800_53: ["CP-9", "CP-10", "SI-12"],
            ISO_27001: ["A.8.13"],
            SOC2: ["A1.2"],
        },
        aliases: ["CKV_AWS_21", "AVD-AWS-0090", "aws-s3-enable-versioning"],
        remediation: "Enable versioning (`aws_s3_bucket_versioning` with `status = \"Enabled\"`) and expire old versions with a lifecycle rule. In CloudFormation: `VersioningConfiguration: {Status: Enabled}`.",
        references: ["https://docs.aws.amazon.com/AmazonS3/latest/userguide/Versioning.html"],
        examples: [
            tf_bad("No versioning declared", r#"
resource "aws_s3_bucket" "data" {
  bucket = "example-data"
}
"#),
            tf_bad("Versioning suspended", r#"
resource "aws_s3_bucket" "data" {
  bucket = "example-data"
}

resource "aws_s3_bucket_versioning" "data" {
  bucket = aws_s3_bucket.data.id
  versioning_configuration {
    status = "Suspended"
  }
}
"#),
            tf_good("Versioning enabled through the split resource", r#"
resource "aws_s3_bucket" "data" {
  bucket = "example-data"
}

resource "aws_s3_bucket_versioning" "data" {
  bucket = aws_s3_bucket.data.id
  versioning_configuration {
    status = "Enabled"
  }
}
"#),
            tf_good("Versioning enabled inline (provider v3)", r#"
resource "aws_s3_bucket" "data" {
  bucket = "example-data"
  versioning {
    enabled = true
  }
}
"#),
            tf_good("Object Lock enabled on the bucket turns versioning on", r#"
resource "aws_s3_bucket" "records" {
  bucket              = "example-records"
  object_lock_enabled = true
}
"#),
            tf_good("Object Lock enabled through a variable default (provider v3 block)", r#"
variable "object_lock" {
  type    = string
  default = "Enabled"
}

resource "aws_s3_bucket" "records" {
  bucket = "example-records"
  object_lock_configuration {
    object_lock_enabled = var.object_lock
  }
}
"#),
            tf_good("Object Lock configured through the split resource", r#"
resource "aws_s3_bucket" "records" {
  bucket = "example-records"
}

resource "aws_s3_bucket_object_lock_configuration" "records" {
  bucket = aws_s3_bucket.records.id
  rule {
    default_retention {
      mode = "COMPLIANCE"
      days = 30
    }
  }
}
"#),
            tf_bad("Object Lock turned off through a variable default", r#"
variable "object_lock" {
  type    = bool
  default = false
}

resource "aws_s3_bucket" "records" {
  bucket              = "example-records"
  object_lock_enabled = var.object_lock
}
"#),
            tf_good("Object Lock from a variable without a value is not guessed", r#"
variable "object_lock" {
  type = bool
}

resource "aws_s3_bucket" "records" {
  bucket              = "example-records"
  object_lock_enabled = var.object_lock
}
"#),
            cfn_good("Object Lock enabled through a parameter default", r#"
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  ObjectLock:
    Type: String
    Default: "true"
    AllowedValues: ["true", "false"]
Resources:
  Records:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: example-records
      ObjectLockEnabled: !Ref ObjectLock
"#),
            cfn_bad("Object Lock turned off", r#"
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Records:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: example-records
      ObjectLockEnabled: false
"#),
            cfn_bad("No versioning declared", r#"
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Data:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: example-data
"#),
            cfn_bad("Versioning suspended outside production, and the default environment is dev", r#"
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Environment:
    Type: String
    Default: dev
    AllowedValues: [dev, prod]
Conditions:
  IsProd: !Equals [!Ref Environment, prod]
Resources:
  Data:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: !Sub "example-data-${Environment}"
      VersioningConfiguration:
        Status: !If [IsProd, Enabled, Suspended]
"#),
            cfn_good("Versioning enabled through a mapping", r#"
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Environment:
    Type: String
    Default: prod
Mappings:
  Settings:
    prod:
      Versioning: Enabled
    dev:
      Versioning: Enabled
Resources:
  Data:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: !Sub "example-data-${Environment}"
      VersioningConfiguration:
        Status: !FindInMap [Settings, !Ref Environment, Versioning]
"#),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for bucket in &state.aws.s3.buckets {
        // Object Lock turns versioning on for good.
        if bucket.versioning_enabled.is_true() || bucket.object_lock_enabled.is_true() {
            report.pass(&bucket.resource);
        } else if bucket.versioning_enabled.is_false() && bucket.object_lock_enabled.is_false() {
            report.add(
                &bucket.resource,
                &bucket.versioning_enabled.meta,
                "Bucket versioning is not enabled",
            );
        }
    }
}
