use crate::check::{cfn_bad, cfn_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;
use cloudsentinel_model::aws::cloudfront::MODERN_PROTOCOL_VERSIONS;

declare_check! {
    /// Flags a CloudFront distribution that lets viewers connect with protocols or ciphers
    /// older than the `TLSv1.2_2021` security policy: a `minimum_protocol_version`
    /// (`ViewerCertificate.MinimumProtocolVersion`) other than `TLSv1.2_2021`,
    /// `TLSv1.2_2025` or `TLSv1.3_2025` (AWS's default is `TLSv1`), or the default
    /// `*.cloudfront.net` certificate (`cloudfront_default_certificate`,
    /// `CloudFrontDefaultCertificate`, also what a distribution without `ViewerCertificate`
    /// gets), with which CloudFront always accepts TLSv1.
    ///
    /// TLS 1.0 and 1.1 and the CBC and SHA-1 cipher suites older policies allow have known
    /// weaknesses (BEAST, POODLE-style downgrades, Lucky13) and are no longer accepted by
    /// PCI DSS; clients that still need them are rare.
    pub static CHECK = {
        id: "aws-cloudfront-outdated-tls",
        title: "CloudFront distribution accepts outdated TLS versions or ciphers",
        severity: Medium,
        risk_score: 5.0,
        provider: Aws,
        service: "cloudfront",
        formats: [Terraform, CloudFormation],
        status: Preview,
        compliance: {
            NIST_800_53: ["SC-8", "SC-13"],
            ISO_27001: ["A.8.24"],
            SOC2: ["CC6.7"],
        },
        aliases: ["CKV_AWS_174", "AVD-AWS-0013", "aws-cloudfront-use-secure-tls-policy"],
        remediation: "Use a certificate of your own (`acm_certificate_arn` with `ssl_support_method = \"sni-only\"`) and set `minimum_protocol_version = \"TLSv1.2_2021\"` or newer (CloudFormation: `ViewerCertificate.MinimumProtocolVersion`).",
        references: [
            "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/secure-connections-supported-viewer-protocols-ciphers.html",
            "https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_ViewerCertificate.html",
        ],
        examples: [
            tf_bad("TLSv1.1 through a variable's default", r#"
variable "tls_policy" {
  default = "TLSv1.1_2016"
}

resource "aws_cloudfront_distribution" "site" {
  enabled = true

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
    minimum_protocol_version = var.tls_policy
  }
}
"#),
            tf_good("TLSv1.2_2021", r#"
resource "aws_cloudfront_distribution" "site" {
  enabled = true

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
            cfn_bad("The default certificate, the viewer policy from a parameter", r#"
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
            OriginAccessControlId: E2QWRUHEXAMPLE
            S3OriginConfig: {}
        DefaultCacheBehavior:
          TargetOriginId: site
          ViewerProtocolPolicy: !Ref ViewerPolicy
          CachePolicyId: 658327ea-f89d-4fab-a63d-7e88639e58f6
        ViewerCertificate:
          CloudFrontDefaultCertificate: true
"#),
            cfn_good("TLSv1.2_2021", r#"
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Site:
    Type: AWS::CloudFront::Distribution
    Properties:
      DistributionConfig:
        Enabled: true
        Aliases: [www.example.com]
        Origins:
          - Id: site
            DomainName: example-site.s3.eu-west-1.amazonaws.com
            OriginAccessControlId: E2QWRUHEXAMPLE
            S3OriginConfig: {}
        DefaultCacheBehavior:
          TargetOriginId: site
          ViewerProtocolPolicy: https-only
          CachePolicyId: 658327ea-f89d-4fab-a63d-7e88639e58f6
        ViewerCertificate:
          AcmCertificateArn: arn:aws:acm:us-east-1:111122223333:certificate/abc
          SslSupportMethod: sni-only
          MinimumProtocolVersion: TLSv1.2_2021
"#),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for d in &state.aws.cloudfront.distributions {
        let v = &d.minimum_protocol_version;
        let Some(policy) = v.as_str() else {
            continue;
        };
        if v.is_one_of(MODERN_PROTOCOL_VERSIONS) {
            report.pass(&d.resource);
        } else {
            report.add(
                &d.resource,
                &v.meta,
                format!(
                    "Viewers may connect with the {policy} security policy, older than TLSv1.2_2021"
                ),
            );
        }
    }
}
