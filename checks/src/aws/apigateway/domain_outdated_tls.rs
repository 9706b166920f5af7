use crate::check::{cfn_bad, cfn_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags an API Gateway custom domain name whose security policy accepts TLS 1.0:
    /// `security_policy = "TLS_1_0"` on `aws_api_gateway_domain_name` (`SecurityPolicy:
    /// TLS_1_0` on `AWS::ApiGateway::DomainName`).
    ///
    /// TLS 1.0 and 1.1 are deprecated (RFC 8996): their cipher suites and handshakes have
    /// known weaknesses, and a client can be downgraded to them. AWS documents no default
    /// for an absent policy and the Terraform provider leaves it computed, so a domain name
    /// that sets none is not guessed.
    pub static CHECK = {
        id: "aws-apigateway-domain-outdated-tls",
        title: "API Gateway domain name accepts TLS 1.0",
        severity: Medium,
        risk_score: 5.0,
        provider: Aws,
        service: "apigateway",
        formats: [Terraform, CloudFormation],
        status: Preview,
        compliance: {
            NIST_800_53: ["SC-8", "SC-13"],
            ISO_27001: ["A.8.24"],
            SOC2: ["CC6.7"],
        },
        aliases: ["CKV_AWS_206", "AVD-AWS-0005", "aws-apigateway-use-secure-tls-policy", "aws-api-gateway-use-secure-tls-policy"],
        remediation: "Set `security_policy = \"TLS_1_2\"` (CloudFormation: `SecurityPolicy: TLS_1_2`).",
        references: ["https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-custom-domain-tls-version.html"],
        examples: [
            tf_bad("TLS 1.0 from a variable", r#"
variable "tls" {
  default = "TLS_1_0"
}

resource "aws_api_gateway_domain_name" "api" {
  domain_name              = "api.example.com"
  regional_certificate_arn = "arn:aws:acm:eu-west-1:123456789012:certificate/abc"
  security_policy          = var.tls
  endpoint_configuration {
    types = ["REGIONAL"]
  }
}
"#),
            tf_good("TLS 1.2", r#"
resource "aws_api_gateway_domain_name" "api" {
  domain_name              = "api.example.com"
  regional_certificate_arn = "arn:aws:acm:eu-west-1:123456789012:certificate/abc"
  security_policy          = "TLS_1_2"
  endpoint_configuration {
    types = ["REGIONAL"]
  }
}
"#),
            cfn_bad("TLS 1.0", r#"
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Api:
    Type: AWS::ApiGateway::DomainName
    Properties:
      DomainName: api.example.com
      RegionalCertificateArn: arn:aws:acm:eu-west-1:123456789012:certificate/abc
      SecurityPolicy: TLS_1_0
"#),
            cfn_good("TLS 1.2, chosen by a condition", r#"
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Legacy:
    Type: String
    Default: "no"
Conditions:
  LegacyClients: !Equals [!Ref Legacy, "yes"]
Resources:
  Api:
    Type: AWS::ApiGateway::DomainName
    Properties:
      DomainName: api.example.com
      RegionalCertificateArn: arn:aws:acm:eu-west-1:123456789012:certificate/abc
      SecurityPolicy: !If [LegacyClients, TLS_1_0, TLS_1_2]
"#),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for d in &state.aws.apigateway.domain_names {
        let p = &d.security_policy;
        if p.eq_ignore_case("TLS_1_0") {
            report.add(
                &d.resource,
                &p.meta,
                "Custom domain name accepts TLS 1.0 (security policy TLS_1_0)",
            );
        } else if p.is_non_empty() {
            report.pass(&d.resource);
        }
    }
}
