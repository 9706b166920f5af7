use crate::check::{cfn_bad, cfn_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags a CloudFront distribution with no AWS WAF web ACL (`web_acl_id`, `WebACLId`).
    ///
    /// Without a web ACL, injection attempts, known bad bots and request floods reach the origin
    /// unfiltered.
    pub static CHECK = {
        id: "aws-cloudfront-no-waf",
        title: "CloudFront distribution has no web application firewall",
        severity: Low,
        risk_score: 3.5,
        provider: Aws,
        service: "cloudfront",
        formats: [Terraform, CloudFormation],
        status: Preview,
        compliance: {
            NIST_800_53: ["SC-7", "SI-3"],
            ISO_27001: ["A.8.20", "A.8.23"],
            SOC2: ["CC6.6"],
        },
        aliases: ["CKV_AWS_68", "AVD-AWS-0011", "aws-cloudfront-enable-waf"],
        remediation: "Associate a WAFv2 web ACL (scope CLOUDFRONT) with `web_acl_id`.",
        references: ["https://docs.aws.amazon.com/waf/latest/developerguide/cloudfront-features.html"],
        examples: [
            tf_bad("No web ACL, the viewer policy from a variable", r#"
variable "viewer_policy" {
  default = "redirect-to-https"
}

resource "aws_cloudfront_distribution" "site" {
  enabled = true

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
            tf_good("A web ACL", r#"
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
            cfn_bad("No web ACL, the viewer policy from a parameter", r#"
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
        Logging:
          Bucket: example-logs.s3.amazonaws.com
        Origins:
          - Id: site
            DomainName: example-site.s3.eu-west-1.amazonaws.com
            S3OriginConfig: {}
        DefaultCacheBehavior:
          TargetOriginId: site
          ViewerProtocolPolicy: !Ref ViewerPolicy
          CachePolicyId: 658327ea-f89d-4fab-a63d-7e88639e58f6
"#),
            cfn_good("A web ACL", r#"
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
        let v = &r.web_acl;
        if v.is_false() {
            report.add(&r.resource, &v.meta, "No web ACL is associated");
        } else if v.is_true() {
            report.pass(&r.resource);
        }
    }
}
