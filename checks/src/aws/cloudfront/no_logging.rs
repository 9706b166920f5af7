use crate::check::{cfn_bad, cfn_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags a CloudFront distribution without standard access logging (`logging_config`,
    /// `Logging`).
    ///
    /// Without access logs, who requested what from the edge (scrapers, credential stuffing, data
    /// being pulled) cannot be reconstructed.
    pub static CHECK = {
        id: "aws-cloudfront-no-logging",
        title: "CloudFront distribution has no access logging",
        severity: Low,
        risk_score: 3.0,
        provider: Aws,
        service: "cloudfront",
        formats: [Terraform, CloudFormation],
        status: Preview,
        compliance: {
            NIST_800_53: ["AU-2", "AU-12"],
            ISO_27001: ["A.8.15"],
            SOC2: ["CC7.2"],
        },
        aliases: ["CKV_AWS_86", "AVD-AWS-0010", "aws-cloudfront-enable-logging"],
        remediation: "Add `logging_config { bucket = … }` (CloudFormation: `Logging: {Bucket: …}`), or real-time logs.",
        references: ["https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/AccessLogs.html"],
        examples: [
            tf_bad("No logging, the viewer policy from a variable", r#"
variable "viewer_policy" {
  default = "redirect-to-https"
}

resource "aws_cloudfront_distribution" "site" {
  enabled = true
  web_acl_id = "arn:aws:wafv2:us-east-1:111122223333:global/webacl/site/abc"

  origin {
    domain_name              = "example-site.s3.eu-west-1.amazonaws.com"
    origin_id                = "site"
    origin_access_control_id = "E2QWRUHEXAMPLE"
  }

  default_cache_behavior {
    target_origin_id       = "site"
    viewer_protocol_policy = var.viewer_policy
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
            tf_good("Logs to a bucket", r#"
resource "aws_cloudfront_distribution" "site" {
  enabled = true
  web_acl_id = "arn:aws:wafv2:us-east-1:111122223333:global/webacl/site/abc"

  logging_config {
    bucket = "example-logs.s3.amazonaws.com"
  }

  origin {
    domain_name              = "example-site.s3.eu-west-1.amazonaws.com"
    origin_id                = "site"
    origin_access_control_id = "E2QWRUHEXAMPLE"
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
            cfn_bad("No logging, the viewer policy from a parameter", r#"
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
        WebACLId: arn:aws:wafv2:us-east-1:111122223333:global/webacl/site/abc
        Origins:
          - Id: site
            DomainName: example-site.s3.eu-west-1.amazonaws.com
            S3OriginConfig: {}
        DefaultCacheBehavior:
          TargetOriginId: site
          ViewerProtocolPolicy: !Ref ViewerPolicy
          CachePolicyId: 658327ea-f89d-4fab-a63d-7e88639e58f6
"#),
            cfn_good("Logs to a bucket", r#"
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Site:
    Type: AWS::CloudFront::Distribution
    Properties:
      DistributionConfig:
        Enabled: true
        WebACLId: arn:aws:wafv2:us-east-1:111122223333:global/webacl/site/abc
        Logging:
          Bucket: example-logs.s3.amazonaws.com
        Origins:
          - Id: site
            DomainName: example-site.s3.eu-west-1.amazonaws.com
            S3OriginConfig: {}
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
    for r in &state.aws.cloudfront.distributions {
        let v = &r.logging;
        if v.is_false() {
            report.add(&r.resource, &v.meta, "Access logging is not configured");
        } else if v.is_true() {
            report.pass(&r.resource);
        }
    }
}
