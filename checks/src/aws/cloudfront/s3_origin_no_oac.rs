use crate::check::{cfn_bad, cfn_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags a CloudFront distribution with an S3 origin (an `s3_origin_config` /
    /// `S3OriginConfig`, or a bucket's REST endpoint as `domain_name` / `DomainName` without
    /// a custom origin configuration) that CloudFront reaches without an origin access
    /// control (`origin_access_control_id`, `OriginAccessControlId`) or origin access
    /// identity (`origin_access_identity`, `S3OriginConfig.OriginAccessIdentity`).
    ///
    /// Without either, CloudFront sends unsigned requests, so the bucket must allow
    /// anonymous reads: anyone can fetch its objects directly, bypassing the distribution's
    /// WAF, signed URLs, geo restrictions and logs.
    pub static CHECK = {
        id: "aws-cloudfront-s3-origin-no-oac",
        title: "CloudFront reaches an S3 origin without origin access control",
        severity: Medium,
        risk_score: 5.5,
        provider: Aws,
        service: "cloudfront",
        formats: [Terraform, CloudFormation],
        status: Preview,
        compliance: {
            NIST_800_53: ["AC-3", "AC-6"],
            ISO_27001: ["A.5.15", "A.8.3"],
            SOC2: ["CC6.1"],
        },
        aliases: ["CKV2_AWS_46"],
        remediation: "Create an `aws_cloudfront_origin_access_control` (CloudFormation: `AWS::CloudFront::OriginAccessControl`), set its id as the origin's `origin_access_control_id`, and allow only the distribution in the bucket policy.",
        references: ["https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/private-content-restricting-access-to-s3.html"],
        examples: [
            tf_bad("An S3 origin without access control, the bucket domain from a variable", r#"
variable "bucket_domain" {
  default = "example-site.s3.eu-west-1.amazonaws.com"
}

resource "aws_cloudfront_distribution" "site" {
  enabled = true

  origin {
    domain_name = var.bucket_domain
    origin_id   = "site"
  }

  default_cache_behavior {
    target_origin_id       = "site"
    viewer_protocol_policy = "redirect-to-https"
    allowed_methods        = ["GET", "HEAD"]
    cached_methods         = ["GET", "HEAD"]
    cache_policy_id        = "658327ea-f89d-4fab-a63d-7e88639e58f6"
  }

  restrictions {
    geo_restriction {
      restriction_type = "none"
    }
  }

  viewer_certificate {
    acm_certificate_arn      = "arn:aws:acm:us-east-1:111122223333:certificate/abc"
    ssl_support_method       = "sni-only"
    minimum_protocol_version = "TLSv1.2_2021"
  }
}
"#),
            tf_good("An origin access control by reference", r#"
resource "aws_cloudfront_origin_access_control" "site" {
  name                              = "site"
  origin_access_control_origin_type = "s3"
  signing_behavior                  = "always"
  signing_protocol                  = "sigv4"
}

resource "aws_cloudfront_distribution" "site" {
  enabled = true

  origin {
    domain_name              = "example-site.s3.eu-west-1.amazonaws.com"
    origin_id                = "site"
    origin_access_control_id = aws_cloudfront_origin_access_control.site.id
  }

  default_cache_behavior {
    target_origin_id       = "site"
    viewer_protocol_policy = "redirect-to-https"
    allowed_methods        = ["GET", "HEAD"]
    cached_methods         = ["GET", "HEAD"]
    cache_policy_id        = "658327ea-f89d-4fab-a63d-7e88639e58f6"
  }

  restrictions {
    geo_restriction {
      restriction_type = "none"
    }
  }

  viewer_certificate {
    acm_certificate_arn      = "arn:aws:acm:us-east-1:111122223333:certificate/abc"
    ssl_support_method       = "sni-only"
    minimum_protocol_version = "TLSv1.2_2021"
  }
}
"#),
            cfn_bad("An empty origin access identity, the viewer policy from a parameter", r#"
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  ViewerPolicy:
    Type: String
    Default: https-only
Resources:
  Site:
    Type: AWS::CloudFront::Distribution
    Properties:
      DistributionConfig:
        Enabled: true
        Origins:
          - Id: site
            DomainName: example-site.s3.eu-west-1.amazonaws.com
            S3OriginConfig:
              OriginAccessIdentity: ""
        DefaultCacheBehavior:
          TargetOriginId: site
          ViewerProtocolPolicy: !Ref ViewerPolicy
          CachePolicyId: 658327ea-f89d-4fab-a63d-7e88639e58f6
"#),
            cfn_good("An origin access control through GetAtt", r#"
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  SiteOac:
    Type: AWS::CloudFront::OriginAccessControl
    Properties:
      OriginAccessControlConfig:
        Name: site
        OriginAccessControlOriginType: s3
        SigningBehavior: always
        SigningProtocol: sigv4
  Site:
    Type: AWS::CloudFront::Distribution
    Properties:
      DistributionConfig:
        Enabled: true
        Origins:
          - Id: site
            DomainName: example-site.s3.eu-west-1.amazonaws.com
            OriginAccessControlId: !GetAtt SiteOac.Id
            S3OriginConfig:
              OriginAccessIdentity: ""
        DefaultCacheBehavior:
          TargetOriginId: site
          ViewerProtocolPolicy: https-only
          CachePolicyId: 658327ea-f89d-4fab-a63d-7e88639e58f6
"#),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for d in &state.aws.cloudfront.distributions {
        let mut decided = true;
        let mut failed = false;
        for o in &d.origins {
            if o.s3.is_true() && o.access_control.is_false() {
                report.add(
                    &d.resource,
                    &o.access_control.meta,
                    "CloudFront reaches this S3 origin without an origin access control or identity",
                );
                failed = true;
            } else if !(o.access_control.is_true() || o.s3.is_false()) {
                decided = false;
            }
        }
        if decided && !failed && !d.origins.is_empty() {
            report.pass(&d.resource);
        }
    }
}
