use crate::check::{cfn_bad, cfn_good, cfn_json_bad, cfn_json_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;
use cloudsentinel_model::aws::iam::Statement;

declare_check! {
    /// Flags a bucket none of whose policy statements denies requests where
    /// `aws:SecureTransport` is false.
    ///
    /// Without that statement S3 accepts plain HTTP, so credentials-signed requests and the
    /// data they carry can be read or altered in transit. A bucket with a policy that cannot
    /// be evaluated is not flagged.
    pub static CHECK = {
        id: "aws-s3-insecure-transport",
        title: "S3 bucket allows requests over plain HTTP",
        severity: Medium,
        risk_score: 5.0,
        provider: Aws,
        service: "s3",
        formats: [Terraform, CloudFormation],
        compliance: {
            CIS_AWS: ["2.1.1"],
            NIST_800_53: ["SC-8", "SC-13"],
            ISO_27001: ["A.8.24"],
            SOC2: ["CC6.7"],
        },
        aliases: [],
        remediation: "Add a bucket policy statement with `Effect = \"Deny\"`, `Principal = \"*\"`, `Action = \"s3:*\"` and the condition `Bool { aws:SecureTransport = false }`. In CloudFormation, put it in the bucket's `AWS::S3::BucketPolicy`.",
        references: ["https://docs.aws.amazon.com/AmazonS3/latest/userguide/security-best-practices.html#transit"],
        examples: [
            tf_bad("No bucket policy", r#"
resource "aws_s3_bucket" "data" {
  bucket = "example-data"
}
"#),
            tf_good("A Deny on insecure transport", r#"
resource "aws_s3_bucket" "data" {
  bucket = "example-data"
}

resource "aws_s3_bucket_policy" "data" {
  bucket = aws_s3_bucket.data.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "DenyInsecureTransport"
      Effect    = "Deny"
      Principal = "*"
      Action    = "s3:*"
      Resource  = ["arn:aws:s3:::example-data", "arn:aws:s3:::example-data/*"]
      Condition = { Bool = { "aws:SecureTransport" = "false" } }
    }]
  })
}
"#),
            tf_good("A policy that cannot be evaluated is not guessed", r#"
variable "policy" {
  type = string
}

resource "aws_s3_bucket" "data" {
  bucket = "example-data"
}

resource "aws_s3_bucket_policy" "data" {
  bucket = aws_s3_bucket.data.id
  policy = var.policy
}
"#),
            cfn_bad("No bucket policy", r#"
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Data:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: example-data
"#),
            cfn_bad("A bucket policy joined by !Ref that only grants access", r#"
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  ReaderRoleArn:
    Type: String
    Default: arn:aws:iam::123456789012:role/reader
Resources:
  Data:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: example-data
  DataPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref Data
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal:
              AWS: !Ref ReaderRoleArn
            Action: s3:GetObject
            Resource: !Sub "${Data.Arn}/*"
"#),
            cfn_good("A Deny on insecure transport, joined by !Ref", r#"
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Data:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: example-data
  DataPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref Data
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Sid: DenyInsecureTransport
            Effect: Deny
            Principal: "*"
            Action: s3:*
            Resource:
              - !GetAtt Data.Arn
              - !Sub "${Data.Arn}/*"
            Condition:
              Bool:
                aws:SecureTransport: false
"#),
            cfn_json_bad("No bucket policy in a JSON template", r#"
{
  "AWSTemplateFormatVersion": "2010-09-09",
  "Resources": {
    "Data": {
      "Type": "AWS::S3::Bucket",
      "Properties": { "BucketName": "example-data" }
    }
  }
}
"#),
            cfn_json_good("A Deny on insecure transport, joined by the bucket's literal name", r#"
{
  "AWSTemplateFormatVersion": "2010-09-09",
  "Resources": {
    "Data": {
      "Type": "AWS::S3::Bucket",
      "Properties": { "BucketName": "example-data" }
    },
    "DataPolicy": {
      "Type": "AWS::S3::BucketPolicy",
      "Properties": {
        "Bucket": "example-data",
        "PolicyDocument": {
          "Version": "2012-10-17",
          "Statement": [
            {
              "Sid": "DenyInsecureTransport",
              "Effect": "Deny",
              "Principal": "*",
              "Action": "s3:*",
              "Resource": ["arn:aws:s3:::example-data", "arn:aws:s3:::example-data/*"],
              "Condition": { "Bool": { "aws:SecureTransport": "false" } }
            }
          ]
        }
      }
    }
  }
}
"#),
            cfn_good("A policy included from S3 (AWS::Include) cannot be evaluated and is not guessed", r#"
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Data:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: example-data
  DataPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref Data
      PolicyDocument:
        Fn::Transform:
          Name: AWS::Include
          Parameters:
            Location: s3://example-templates/bucket-policy.yaml
"#),
        ],
        run: run,
    }
}

fn denies_insecure_transport(st: &Statement) -> bool {
    st.is_deny()
        && st.conditions.iter().any(|c| {
            c.key.eq_ignore_ascii_case("aws:SecureTransport")
                && c.operator.to_ascii_lowercase().starts_with("bool")
                && c.values.iter().any(|v| v.eq_ignore_case("false"))
        })
}

fn run(state: &State, report: &mut Report) {
    for bucket in &state.aws.s3.buckets {
        if bucket
            .policies
            .iter()
            .any(cloudsentinel_model::Value::is_unknown)
        {
            continue;
        }
        let denied = bucket
            .policies
            .iter()
            .filter_map(|p| p.known())
            .any(|p| p.statements.iter().any(denies_insecure_transport));
        if denied {
            report.pass(&bucket.resource);
        } else {
            let at = cloudsentinel_model::Meta::default_at(bucket.resource.origin.clone());
            report.add(
                &bucket.resource,
                &at,
                "No bucket policy statement denies requests without TLS (aws:SecureTransport)",
            );
        }
    }
}
