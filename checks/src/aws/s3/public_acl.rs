use crate::check::{Fix, Format, cfn_bad, cfn_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

const PUBLIC_CANNED_ACLS: [&str; 3] = ["public-read", "public-read-write", "authenticated-read"];

declare_check! {
    /// Flags an S3 bucket whose canned ACL (`public-read`, `public-read-write`,
    /// `authenticated-read`) or an explicit grant gives the `AllUsers` or
    /// `AuthenticatedUsers` group any permission.
    ///
    /// Anyone on the internet (or any AWS account holder) can then list or read the objects,
    /// and with write access replace them. Most S3 data leaks start with such an ACL.
    ///
    /// A bucket whose declared public access block sets `ignore_public_acls` passes: S3
    /// ignores its public ACLs, so they are not effective. When that setting is Unknown (a
    /// variable without a value), the effective exposure is unknown and nothing is concluded.
    pub static CHECK = {
        id: "aws-s3-public-acl",
        title: "S3 bucket ACL grants public access",
        severity: High,
        risk_score: 8.5,
        provider: Aws,
        service: "s3",
        formats: [Terraform, CloudFormation],
        compliance: {
            CIS_AWS: ["2.1.4"],
            NIST_800_53: ["AC-3", "AC-21"],
            ISO_27001: ["A.5.15", "A.8.3"],
            SOC2: ["CC6.1", "CC6.6"],
        },
        aliases: [
            "CKV_AWS_20", "CKV_AWS_57", "AVD-AWS-0092", "aws-s3-no-public-access-with-acl",
            "cfn_nag:W31", "cfn_nag:F14",
        ],
        remediation: "Use the `private` canned ACL (or disable ACLs with object ownership `BucketOwnerEnforced`) and remove grants to AllUsers and AuthenticatedUsers; serve public content through CloudFront with origin access control. In CloudFormation: no `AccessControl` (or `Private`), and `OwnershipControls` with `BucketOwnerEnforced`.",
        references: [
            "https://docs.aws.amazon.com/AmazonS3/latest/userguide/acl-overview.html#canned-acl",
            "https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html",
        ],
        examples: [
            tf_bad("A public-read ACL through a split aws_s3_bucket_acl resource", r#"
resource "aws_s3_bucket" "site" {
  bucket = "example-site"
}

resource "aws_s3_bucket_acl" "site" {
  bucket = aws_s3_bucket.site.id
  acl    = "public-read"
}
"#),
            tf_bad("The ACL comes from a variable default", r#"
variable "acl" {
  type    = string
  default = "public-read-write"
}

resource "aws_s3_bucket" "uploads" {
  bucket = "example-uploads"
  acl    = var.acl
}
"#),
            tf_good("A private bucket", r#"
resource "aws_s3_bucket" "site" {
  bucket = "example-site"
}

resource "aws_s3_bucket_acl" "site" {
  bucket = aws_s3_bucket.site.id
  acl    = "private"
}
"#),
            tf_good("An ACL from a variable without a value is not guessed", r#"
variable "acl" {
  type = string
}

resource "aws_s3_bucket" "uploads" {
  bucket = "example-uploads"
  acl    = var.acl
}
"#),
            tf_good("A public-read ACL that the bucket's public access block ignores", r#"
variable "ignore_acls" {
  type    = bool
  default = true
}

resource "aws_s3_bucket" "site" {
  bucket = "example-site"
}

resource "aws_s3_bucket_acl" "site" {
  bucket = aws_s3_bucket.site.id
  acl    = "public-read"
}

resource "aws_s3_bucket_public_access_block" "site" {
  bucket             = aws_s3_bucket.site.id
  ignore_public_acls = var.ignore_acls
}
"#),
            tf_bad("A public-read ACL that the public access block does not ignore", r#"
resource "aws_s3_bucket" "site" {
  bucket = "example-site"
}

resource "aws_s3_bucket_acl" "site" {
  bucket = aws_s3_bucket.site.id
  acl    = "public-read"
}

resource "aws_s3_bucket_public_access_block" "site" {
  bucket              = aws_s3_bucket.site.id
  block_public_policy = true
}
"#),
            tf_good("Whether the public access block ignores public ACLs is not guessed", r#"
variable "ignore_acls" {
  type = bool
}

resource "aws_s3_bucket" "site" {
  bucket = "example-site"
  acl    = "public-read"
}

resource "aws_s3_bucket_public_access_block" "site" {
  bucket             = aws_s3_bucket.site.id
  ignore_public_acls = var.ignore_acls
}
"#),
            cfn_good("A PublicRead ACL that the public access block ignores, set through a parameter", r#"
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  IgnoreAcls:
    Type: String
    Default: "true"
    AllowedValues: ["true", "false"]
Resources:
  Site:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: example-site
      AccessControl: PublicRead
      PublicAccessBlockConfiguration:
        IgnorePublicAcls: !Ref IgnoreAcls
"#),
            cfn_bad("A PublicRead ACL that the public access block does not ignore", r#"
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Site:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: example-site
      AccessControl: PublicRead
      PublicAccessBlockConfiguration:
        IgnorePublicAcls: false
"#),
            cfn_bad("AccessControl from a parameter default", r#"
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Acl:
    Type: String
    Default: PublicRead
    AllowedValues: [Private, PublicRead]
Resources:
  Site:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: example-site
      AccessControl: !Ref Acl
"#),
            cfn_bad("A public-read-write ACL only in production, where the condition holds", r#"
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Environment:
    Type: String
    Default: prod
Conditions:
  IsProd: !Equals [!Ref Environment, prod]
Resources:
  Uploads:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: !Sub "example-uploads-${Environment}"
      AccessControl: !If [IsProd, PublicReadWrite, Private]
"#),
            cfn_good("A private bucket with ACLs disabled", r#"
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Site:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: example-site
      AccessControl: Private
      OwnershipControls:
        Rules:
          - ObjectOwnership: BucketOwnerEnforced
"#),
            cfn_good("An ACL from a parameter without a default is not guessed", r#"
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Acl:
    Type: String
Resources:
  Uploads:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: example-uploads
      AccessControl: !Ref Acl
"#),
        ],
        fixes: [
            Fix::set(Format::Terraform, &["acl"], "\"private\""),
            Fix::set(Format::CloudFormation, &["AccessControl"], "Private"),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for bucket in &state.aws.s3.buckets {
        if let Some(block) = &bucket.public_access_block {
            // Public ACLs are ignored: the effective configuration is not public.
            if block.ignore_public_acls.is_true() {
                report.pass(&bucket.resource);
                continue;
            }
            // Whether they are ignored is unknown: so is the effective exposure.
            if block.ignore_public_acls.known().is_none() {
                continue;
            }
        }
        let mut failed = false;
        if bucket.acl.is_one_of(&PUBLIC_CANNED_ACLS) {
            failed = true;
            let acl = bucket.acl.as_str().unwrap_or_default();
            report.add(
                &bucket.resource,
                &bucket.acl.meta,
                format!("Bucket ACL `{acl}` makes the bucket public"),
            );
        }
        for grant in bucket.grants.iter().filter(|g| g.is_public()) {
            failed = true;
            let who = grant.grantee_uri.as_str().unwrap_or_default();
            let group = who.rsplit('/').next().unwrap_or(who);
            report.add(
                &bucket.resource,
                &grant.meta,
                format!("Bucket ACL grants access to the {group} group"),
            );
        }
        // Passed when the canned ACL and every grantee are known and none is public.
        let decided = bucket.acl.known().is_some()
            && bucket
                .grants
                .iter()
                .all(|g| g.grantee_uri.known().is_some());
        if !failed && decided {
            report.pass(&bucket.resource);
        }
    }
}
