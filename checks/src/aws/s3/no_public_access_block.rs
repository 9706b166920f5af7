use crate::check::{cfn_bad, cfn_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::aws::s3::PublicAccessBlock;
use cloudsentinel_model::{State, Value};

declare_check! {
    /// Flags a bucket whose declared public access block leaves `block_public_acls`,
    /// `block_public_policy`, `ignore_public_acls` or `restrict_public_buckets` off, whether
    /// set to false or omitted (the resource's default is false).
    ///
    /// The block is the safety net that stops a later ACL or policy change from exposing the
    /// bucket. A bucket without a declared block gets AWS's default for new buckets (all four
    /// settings on since April 2023) and passes.
    ///
    /// A block whose bucket is not declared in the scan (its name comes from a variable or
    /// another stack) is judged on its own: a setting it explicitly turns off is a finding on
    /// the block, at that value; omitted settings are not flagged there, since the bucket's
    /// configuration is not known.
    pub static CHECK = {
        id: "aws-s3-no-public-access-block",
        title: "S3 public access block is incomplete",
        severity: Medium,
        risk_score: 5.5,
        provider: Aws,
        service: "s3",
        formats: [Terraform, CloudFormation],
        compliance: {
            CIS_AWS: ["2.1.4"],
            NIST_800_53: ["AC-3", "AC-21"],
            ISO_27001: ["A.8.3"],
            SOC2: ["CC6.1"],
        },
        aliases: [
            "CKV_AWS_53", "CKV_AWS_54", "CKV_AWS_55", "CKV_AWS_56",
            "AVD-AWS-0086", "AVD-AWS-0087", "AVD-AWS-0091", "AVD-AWS-0093",
            "aws-s3-block-public-acls", "aws-s3-block-public-policy",
            "aws-s3-ignore-public-acls", "aws-s3-no-public-buckets",
        ],
        remediation: "Set all four settings of `aws_s3_bucket_public_access_block` to true, or remove the resource to keep AWS's default. In CloudFormation: all four settings of `PublicAccessBlockConfiguration` true, or no `PublicAccessBlockConfiguration`.",
        references: [
            "https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html",
        ],
        examples: [
            tf_bad("Two settings omitted default to false", r#"
resource "aws_s3_bucket" "data" {
  bucket = "example-data"
}

resource "aws_s3_bucket_public_access_block" "data" {
  bucket            = aws_s3_bucket.data.id
  block_public_acls = true
  ignore_public_acls = true
}
"#),
            tf_bad("A setting turned off through a variable", r#"
variable "allow_public_policy" {
  default = true
}

resource "aws_s3_bucket" "data" {
  bucket = "example-data"
}

resource "aws_s3_bucket_public_access_block" "data" {
  bucket                  = aws_s3_bucket.data.id
  block_public_acls       = true
  block_public_policy     = !var.allow_public_policy
  ignore_public_acls      = true
  restrict_public_buckets = true
}
"#),
            tf_good("Every setting on", r#"
resource "aws_s3_bucket" "data" {
  bucket = "example-data"
}

resource "aws_s3_bucket_public_access_block" "data" {
  bucket                  = aws_s3_bucket.data.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}
"#),
            tf_good("No block declared: AWS's default for new buckets applies", r#"
resource "aws_s3_bucket" "data" {
  bucket = "example-data"
}
"#),
            tf_bad("A block for a bucket named by a variable, declared elsewhere, turns a setting off", r#"
variable "bucket_name" {
  type    = string
  default = "example-shared-data"
}

resource "aws_s3_bucket_public_access_block" "shared" {
  bucket                  = var.bucket_name
  block_public_acls       = true
  block_public_policy     = false
  ignore_public_acls      = true
  restrict_public_buckets = true
}
"#),
            tf_bad("A block for a bucket whose name is not known turns settings off", r#"
variable "bucket_name" {
  type = string
}

resource "aws_s3_bucket_public_access_block" "shared" {
  bucket             = var.bucket_name
  block_public_acls  = false
  ignore_public_acls = false
}
"#),
            tf_good("A block for a bucket declared elsewhere with every setting on", r#"
variable "bucket_name" {
  type    = string
  default = "example-shared-data"
}

resource "aws_s3_bucket_public_access_block" "shared" {
  bucket                  = var.bucket_name
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}
"#),
            cfn_bad("Two settings omitted default to false", r#"
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Data:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: example-data
      PublicAccessBlockConfiguration:
        BlockPublicAcls: true
        IgnorePublicAcls: true
"#),
            cfn_bad("A setting turned off by a condition on a parameter default", r#"
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  AllowPublicPolicy:
    Type: String
    Default: "true"
    AllowedValues: ["true", "false"]
Conditions:
  PublicPolicyAllowed: !Equals [!Ref AllowPublicPolicy, "true"]
Resources:
  Data:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: example-data
      PublicAccessBlockConfiguration:
        BlockPublicAcls: true
        BlockPublicPolicy: !If [PublicPolicyAllowed, false, true]
        IgnorePublicAcls: true
        RestrictPublicBuckets: true
"#),
            cfn_good("Every setting on", r#"
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Data:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: example-data
      PublicAccessBlockConfiguration:
        BlockPublicAcls: true
        BlockPublicPolicy: true
        IgnorePublicAcls: true
        RestrictPublicBuckets: true
"#),
            cfn_good("No block declared: AWS's default for new buckets applies", r#"
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Data:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: example-data
"#),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    // Blocks whose bucket is not in the scan: only what they explicitly turn off.
    for block in &state.aws.s3.unattached_public_access_blocks {
        let settings = settings(block);
        let off: Vec<_> = settings
            .iter()
            .filter(|(_, v)| v.is_false() && v.is_explicit())
            .collect();
        if let Some((_, first)) = off.first() {
            let names: Vec<&str> = off.iter().map(|(n, _)| *n).collect();
            report.add(
                &block.resource,
                &first.meta,
                format!("Public access block turns {} off", names.join(", ")),
            );
        } else if settings.iter().all(|(_, v)| v.is_true()) {
            report.pass(&block.resource);
        }
    }
    for bucket in &state.aws.s3.buckets {
        let Some(block) = &bucket.public_access_block else {
            // No block declared: AWS's default for new buckets (all four on) applies.
            report.pass(&bucket.resource);
            continue;
        };
        let settings = settings(block);
        let off: Vec<_> = settings.iter().filter(|(_, v)| v.is_false()).collect();
        if let Some((_, first)) = off.first() {
            let names: Vec<&str> = off.iter().map(|(n, _)| *n).collect();
            report.add(
                &block.resource,
                &first.meta,
                format!("Public access block leaves {} off", names.join(", ")),
            );
        } else if settings.iter().all(|(_, v)| v.is_true()) {
            report.pass(&block.resource);
        }
    }
}

/// The block's four settings with their Terraform names.
fn settings(block: &PublicAccessBlock) -> [(&'static str, &Value<bool>); 4] {
    [
        ("block_public_acls", &block.block_public_acls),
        ("block_public_policy", &block.block_public_policy),
        ("ignore_public_acls", &block.ignore_public_acls),
        ("restrict_public_buckets", &block.restrict_public_buckets),
    ]
}
