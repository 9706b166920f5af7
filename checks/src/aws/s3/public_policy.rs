use crate::aws::iam::known_not_public;
use crate::check::{cfn_bad, cfn_good, cfn_json_bad, cfn_json_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags a bucket policy statement that allows `Principal: "*"` (or `{"AWS": "*"}`, or
    /// everyone but a `NotPrincipal` list) without a condition that narrows who can use it (`aws:SourceIp`, `aws:SourceVpc`,
    /// `aws:SourceVpce`, `aws:PrincipalOrgID`, `aws:PrincipalAccount`, `aws:SourceAccount`,
    /// `aws:SourceArn`).
    ///
    /// Such a statement grants its actions to every caller on the internet, signed or not.
    /// A policy that only cannot be evaluated (a variable without a value) is not flagged.
    ///
    /// A bucket whose declared public access block sets `restrict_public_buckets` passes:
    /// S3 then restricts access through a public policy to the account's principals and AWS
    /// services, so the bucket is not public. When that setting is Unknown, the effective
    /// exposure is unknown and nothing is concluded.
    pub static CHECK = {
        id: "aws-s3-public-policy",
        title: "S3 bucket policy allows anyone",
        severity: Critical,
        risk_score: 9.5,
        provider: Aws,
        service: "s3",
        formats: [Terraform, CloudFormation],
        compliance: {
            CIS_AWS: ["2.1.4"],
            NIST_800_53: ["AC-3", "AC-6"],
            ISO_27001: ["A.5.15", "A.8.3"],
            SOC2: ["CC6.1"],
        },
        aliases: ["CKV_AWS_70", "cfn_nag:F16"],
        remediation: "Name the principals that need access, or add a condition such as `aws:PrincipalOrgID` or `aws:SourceVpce`; serve public content through CloudFront with origin access control.",
        references: [
            "https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html#access-control-block-public-access-policy-status",
        ],
        examples: [
            tf_bad("A policy document data source grants GetObject to everyone", r#"
resource "aws_s3_bucket" "site" {
  bucket = "example-site"
}

data "aws_iam_policy_document" "public_read" {
  statement {
    actions   = ["s3:GetObject"]
    resources = ["${aws_s3_bucket.site.arn}/*"]
    principals {
      type        = "*"
      identifiers = ["*"]
    }
  }
}

resource "aws_s3_bucket_policy" "site" {
  bucket = aws_s3_bucket.site.id
  policy = data.aws_iam_policy_document.public_read.json
}
"#),
            tf_bad("jsonencode with an AWS wildcard principal", r#"
resource "aws_s3_bucket" "data" {
  bucket = "example-data"
}

resource "aws_s3_bucket_policy" "data" {
  bucket = aws_s3_bucket.data.bucket
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "*" }
      Action    = "s3:*"
      Resource  = ["arn:aws:s3:::example-data", "arn:aws:s3:::example-data/*"]
    }]
  })
}
"#),
            tf_bad("Allow with NotPrincipal grants everyone else", r#"
resource "aws_s3_bucket" "b" {
  bucket = "shared-reports"
}

resource "aws_s3_bucket_policy" "b" {
  bucket = aws_s3_bucket.b.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect       = "Allow"
      NotPrincipal = { AWS = "arn:aws:iam::123456789012:role/intruder" }
      Action       = "s3:GetObject"
      Resource     = "${aws_s3_bucket.b.arn}/*"
    }]
  })
}
"#),
            tf_good("A wildcard principal narrowed to the organisation", r#"
resource "aws_s3_bucket" "data" {
  bucket = "example-data"
}

resource "aws_s3_bucket_policy" "data" {
  bucket = aws_s3_bucket.data.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = "s3:GetObject"
      Resource  = "arn:aws:s3:::example-data/*"
      Condition = {
        StringEquals = { "aws:PrincipalOrgID" = "o-abc123" }
      }
    }]
  })
}
"#),
            tf_good("A Deny to everyone is not a grant", r#"
resource "aws_s3_bucket" "data" {
  bucket = "example-data"
}

resource "aws_s3_bucket_policy" "data" {
  bucket = aws_s3_bucket.data.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Deny"
      Principal = "*"
      Action    = "s3:*"
      Resource  = "arn:aws:s3:::example-data/*"
      Condition = { Bool = { "aws:SecureTransport" = "false" } }
    }]
  })
}
"#),
            tf_good("A public policy restricted by the bucket's public access block, set through a variable", r#"
variable "restrict" {
  type    = bool
  default = true
}

resource "aws_s3_bucket" "data" {
  bucket = "example-data"
}

resource "aws_s3_bucket_policy" "data" {
  bucket = aws_s3_bucket.data.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = "s3:GetObject"
      Resource  = "arn:aws:s3:::example-data/*"
    }]
  })
}

resource "aws_s3_bucket_public_access_block" "data" {
  bucket                  = aws_s3_bucket.data.id
  restrict_public_buckets = var.restrict
}
"#),
            tf_bad("A public policy the public access block does not restrict", r#"
resource "aws_s3_bucket" "data" {
  bucket = "example-data"
}

resource "aws_s3_bucket_policy" "data" {
  bucket = aws_s3_bucket.data.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = "s3:GetObject"
      Resource  = "arn:aws:s3:::example-data/*"
    }]
  })
}

resource "aws_s3_bucket_public_access_block" "data" {
  bucket                  = aws_s3_bucket.data.id
  restrict_public_buckets = false
}
"#),
            tf_good("Whether the public access block restricts public policies is not guessed", r#"
variable "restrict" {
  type = bool
}

resource "aws_s3_bucket" "data" {
  bucket = "example-data"
}

resource "aws_s3_bucket_policy" "data" {
  bucket = aws_s3_bucket.data.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = "s3:GetObject"
      Resource  = "arn:aws:s3:::example-data/*"
    }]
  })
}

resource "aws_s3_bucket_public_access_block" "data" {
  bucket                  = aws_s3_bucket.data.id
  restrict_public_buckets = var.restrict
}
"#),
            cfn_good("A public policy restricted by the bucket's public access block", r#"
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Site:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: example-site
      PublicAccessBlockConfiguration:
        RestrictPublicBuckets: true
  SitePolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref Site
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: "*"
            Action: s3:GetObject
            Resource: !Sub "${Site.Arn}/*"
"#),
            cfn_bad("A bucket policy joined to its bucket by !Ref grants GetObject to everyone", r#"
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Site:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: example-site
  SitePolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref Site
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: "*"
            Action: s3:GetObject
            Resource: !Sub "${Site.Arn}/*"
"#),
            cfn_good("A wildcard principal narrowed to the organisation named by a parameter", r#"
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  OrgId:
    Type: String
    Default: o-abc123
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
            Principal: "*"
            Action: s3:GetObject
            Resource: !Sub "${Data.Arn}/*"
            Condition:
              StringEquals:
                aws:PrincipalOrgID: !Ref OrgId
"#),
            cfn_json_bad("An AWS wildcard principal in a JSON template", r#"
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
        "Bucket": { "Ref": "Data" },
        "PolicyDocument": {
          "Version": "2012-10-17",
          "Statement": [
            {
              "Effect": "Allow",
              "Principal": { "AWS": "*" },
              "Action": "s3:*",
              "Resource": [
                { "Fn::GetAtt": ["Data", "Arn"] },
                { "Fn::Sub": "${Data.Arn}/*" }
              ]
            }
          ]
        }
      }
    }
  }
}
"#),
            cfn_json_good("A Deny to everyone is not a grant", r#"
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
        "Bucket": { "Ref": "Data" },
        "PolicyDocument": {
          "Version": "2012-10-17",
          "Statement": [
            {
              "Effect": "Deny",
              "Principal": "*",
              "Action": "s3:*",
              "Resource": { "Fn::Sub": "${Data.Arn}/*" },
              "Condition": { "Bool": { "aws:SecureTransport": "false" } }
            }
          ]
        }
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
    for bucket in &state.aws.s3.buckets {
        if let Some(block) = &bucket.public_access_block {
            // Public policies are restricted to the account: the bucket is not public.
            if block.restrict_public_buckets.is_true() {
                report.pass(&bucket.resource);
                continue;
            }
            // Whether they are restricted is unknown: so is the effective exposure.
            if block.restrict_public_buckets.known().is_none() {
                continue;
            }
        }
        let mut failed = false;
        for policy in bucket.policies.iter().filter_map(|p| p.known()) {
            for st in policy.statements.iter().filter(|s| s.allows_anyone()) {
                failed = true;
                let actions: Vec<&str> = st.actions.iter().filter_map(|a| a.as_str()).collect();
                report.add(
                    &bucket.resource,
                    &st.meta,
                    format!(
                        "Bucket policy allows anyone to perform {}",
                        if actions.is_empty() {
                            "its actions".to_string()
                        } else {
                            actions.join(", ")
                        }
                    ),
                );
            }
        }
        // Passed when every policy is known and none of its statements allows anyone
        // (a bucket without a policy grants nothing through one).
        let decided = bucket
            .policies
            .iter()
            .all(|p| p.is(|doc| doc.statements.iter().all(known_not_public)));
        if !failed && decided {
            report.pass(&bucket.resource);
        }
    }
}
