use crate::check::{cfn_bad, cfn_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags a CloudFront distribution with a custom origin it reaches over plain HTTP
    /// (`custom_origin_config.origin_protocol_policy`,
    /// `CustomOriginConfig.OriginProtocolPolicy` `http-only`). S3 website endpoints support
    /// only HTTP, so an origin on one is flagged as well: serve the bucket through its REST
    /// endpoint with an origin access control instead.
    ///
    /// Between CloudFront and the origin, requests and responses (cookies, authorization
    /// headers, personal data) then cross the internet in plain text, even when viewers use
    /// HTTPS, and can be read or altered on the way.
    pub static CHECK = {
        id: "aws-cloudfront-origin-http",
        title: "CloudFront reaches a custom origin over plain HTTP",
        severity: Medium,
        risk_score: 5.0,
        provider: Aws,
        service: "cloudfront",
        formats: [Terraform, CloudFormation],
        status: Preview,
        compliance: {
            NIST_800_53: ["SC-8"],
            ISO_27001: ["A.8.24"],
            SOC2: ["CC6.7"],
        },
        aliases: ["CKV2_AWS_72"],
        remediation: "Set `origin_protocol_policy = \"https-only\"` (CloudFormation: `OriginProtocolPolicy: https-only`) with a certificate on the origin, and `origin_ssl_protocols = [\"TLSv1.2\"]`.",
        references: ["https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/using-https-cloudfront-to-custom-origin.html"],
        examples: [
            tf_bad("HTTP only through a variable's default", r#"
variable "origin_protocol" {
  default = "http-only"
}

resource "aws_cloudfront_distribution" "app" {
  enabled = true

  origin {
    domain_name = "app.example.com"
    origin_id   = "app"

    custom_origin_config {
      http_port              = 80
      https_port             = 443
      origin_protocol_policy = var.origin_protocol
      origin_ssl_protocols   = ["TLSv1.2"]
    }
  }

  default_cache_behavior {
    target_origin_id       = "app"
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
            tf_good("HTTPS only", r#"
resource "aws_cloudfront_distribution" "app" {
  enabled = true

  origin {
    domain_name = "app.example.com"
    origin_id   = "app"

    custom_origin_config {
      http_port              = 80
      https_port             = 443
      origin_protocol_policy = "https-only"
      origin_ssl_protocols   = ["TLSv1.2"]
    }
  }

  default_cache_behavior {
    target_origin_id       = "app"
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
            cfn_bad("HTTP only, the domain from a parameter", r#"
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  OriginDomain:
    Type: String
    Default: app.example.com
Resources:
  App:
    Type: AWS::CloudFront::Distribution
    Properties:
      DistributionConfig:
        Enabled: true
        Origins:
          - Id: app
            DomainName: !Ref OriginDomain
            CustomOriginConfig:
              OriginProtocolPolicy: http-only
        DefaultCacheBehavior:
          TargetOriginId: app
          ViewerProtocolPolicy: https-only
          CachePolicyId: 658327ea-f89d-4fab-a63d-7e88639e58f6
"#),
            cfn_good("HTTPS only; an S3 origin has no protocol policy", r#"
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  App:
    Type: AWS::CloudFront::Distribution
    Properties:
      DistributionConfig:
        Enabled: true
        Origins:
          - Id: app
            DomainName: app.example.com
            CustomOriginConfig:
              OriginProtocolPolicy: https-only
              OriginSSLProtocols: [TLSv1.2]
          - Id: assets
            DomainName: example-assets.s3.eu-west-1.amazonaws.com
            OriginAccessControlId: E2QWRUHEXAMPLE
            S3OriginConfig: {}
        DefaultCacheBehavior:
          TargetOriginId: app
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
            let p = &o.protocol_policy;
            if p.eq_ignore_case("http-only") {
                report.add(
                    &d.resource,
                    &p.meta,
                    "CloudFront reaches this origin over plain HTTP",
                );
                failed = true;
            } else if p.known().is_none() {
                decided = false;
            }
        }
        if decided && !failed && !d.origins.is_empty() {
            report.pass(&d.resource);
        }
    }
}
