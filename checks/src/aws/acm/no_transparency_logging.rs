use crate::check::{cfn_bad, cfn_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags a public ACM certificate with certificate transparency logging turned off: `options {
    /// certificate_transparency_logging_preference = "DISABLED" }` (CloudFormation:
    /// `CertificateTransparencyLoggingPreference: DISABLED`); the default is `ENABLED`. Imported
    /// certificates and certificates of a private CA (`certificate_authority_arn`,
    /// `CertificateAuthorityArn`) are not logged either way and are not judged.
    ///
    /// Browsers such as Chrome and Safari reject public certificates missing from transparency
    /// logs, and without them you cannot detect a certificate mis-issued for your domains.
    pub static CHECK = {
        id: "aws-acm-no-transparency-logging",
        title: "ACM certificate transparency logging is disabled",
        severity: Low,
        risk_score: 3.0,
        provider: Aws,
        service: "acm",
        formats: [Terraform, CloudFormation],
        status: Preview,
        compliance: {
            NIST_800_53: ["SC-17", "AU-12"],
            ISO_27001: ["A.8.24"],
            SOC2: ["CC7.2"],
        },
        aliases: ["CKV_AWS_234"],
        remediation: "Remove `certificate_transparency_logging_preference = \"DISABLED\"` (CloudFormation: `CertificateTransparencyLoggingPreference`) or set it to `ENABLED`.",
        references: ["https://docs.aws.amazon.com/acm/latest/userguide/acm-concepts.html#concept-transparency", "https://docs.aws.amazon.com/acm/latest/APIReference/API_CertificateOptions.html"],
        examples: [
            tf_bad("Disabled through a variable", r#"
variable "ct_logging" {
  default = "DISABLED"
}

resource "aws_acm_certificate" "site" {
  domain_name       = "www.example.com"
  validation_method = "DNS"

  options {
    certificate_transparency_logging_preference = var.ct_logging
  }
}
"#),
            tf_good("Default preference; a private certificate is not judged", r#"
resource "aws_acm_certificate" "site" {
  domain_name       = "www.example.com"
  validation_method = "DNS"
}

resource "aws_acm_certificate" "internal" {
  domain_name               = "api.internal.example.com"
  certificate_authority_arn = "arn:aws:acm-pca:eu-west-1:111122223333:certificate-authority/12345678-1234-1234-1234-123456789012"

  options {
    certificate_transparency_logging_preference = "DISABLED"
  }
}
"#),
            cfn_bad("Disabled through a parameter's default", r#"
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Logging:
    Type: String
    Default: DISABLED
Resources:
  Site:
    Type: AWS::CertificateManager::Certificate
    Properties:
      DomainName: www.example.com
      ValidationMethod: DNS
      CertificateTransparencyLoggingPreference: !Ref Logging
"#),
            cfn_good("Enabled", r#"
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Site:
    Type: AWS::CertificateManager::Certificate
    Properties:
      DomainName: www.example.com
      ValidationMethod: DNS
      CertificateTransparencyLoggingPreference: ENABLED
"#),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for c in &state.aws.acm.certificates {
        if !c.amazon_issued_public.is_true() {
            continue;
        }
        let v = &c.transparency_logging;
        if v.eq_ignore_case("DISABLED") {
            report.add(
                &c.resource,
                &v.meta,
                "Certificate transparency logging is disabled",
            );
        } else if v.is_non_empty() {
            report.pass(&c.resource);
        }
    }
}
