use crate::check::{cfn_bad, cfn_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags a CloudFront distribution with a cache behavior (default or ordered) whose viewer
    /// protocol policy is `allow-all`: viewers may use plain HTTP.
    ///
    /// Pages, cookies and tokens then cross the network in clear text, and an attacker on the path
    /// can read or rewrite them.
    pub static CHECK = {
        id: "aws-cloudfront-viewer-http",
        title: "CloudFront distribution serves viewers over plain HTTP",
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
        aliases: ["CKV_AWS_34", "AVD-AWS-0012", "aws-cloudfront-enforce-https"],
        remediation: "Set `viewer_protocol_policy = \"redirect-to-https\"` (or `https-only`) on every cache behavior.",
        references: ["https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/using-https-viewers-to-cloudfront.html"],
        examples: [
            tf_bad("allow-all through a variable's default", r#"
variable "viewer_policy" {
  default = "allow-all"
}

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
            tf_good("Redirect to HTTPS", r#"
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
            cfn_bad("allow-all through a parameter's default", r#"
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  ViewerPolicy:
    Type: String
    Default: allow-all
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
          ViewerProtocolPolicy: !Ref ViewerPolicy
          CachePolicyId: 658327ea-f89d-4fab-a63d-7e88639e58f6
"#),
            cfn_good("HTTPS only", r#"
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
    for d in &state.aws.cloudfront.distributions {
        if let Some(p) = d.viewer_protocol_policies.iter().find(|p| {
            p.as_str()
                .is_some_and(|s| s.eq_ignore_ascii_case("allow-all"))
        }) {
            report.add(
                &d.resource,
                &p.meta,
                "Viewers may use plain HTTP (`allow-all`)",
            );
        } else if d
            .viewer_protocol_policies
            .iter()
            .all(|p| p.known().is_some())
        {
            report.pass(&d.resource);
        }
    }
}
