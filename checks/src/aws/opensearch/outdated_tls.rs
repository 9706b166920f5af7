use crate::check::{cfn_bad, cfn_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

/// The TLS security policy that still accepts TLS 1.0 and 1.1.
const TLS_1_0_POLICY: &str = "Policy-Min-TLS-1-0-2019-07";

declare_check! {
    /// Flags an OpenSearch (or Elasticsearch) domain whose endpoint accepts TLS 1.0 and
    /// 1.1: `domain_endpoint_options.tls_security_policy` (CloudFormation:
    /// `DomainEndpointOptions.TLSSecurityPolicy`) set to `Policy-Min-TLS-1-0-2019-07`.
    ///
    /// TLS 1.0 and 1.1 are deprecated (RFC 8996): their cipher suites and handshakes have
    /// known weaknesses, and a client can be downgraded to them. AWS documents no default
    /// for an absent policy and the Terraform provider leaves it computed, so a domain that
    /// sets none is not guessed.
    pub static CHECK = {
        id: "aws-opensearch-outdated-tls",
        title: "OpenSearch domain accepts TLS 1.0",
        severity: Medium,
        risk_score: 5.0,
        provider: Aws,
        service: "opensearch",
        formats: [Terraform, CloudFormation],
        status: Preview,
        compliance: {
            NIST_800_53: ["SC-8", "SC-13"],
            ISO_27001: ["A.8.24"],
            SOC2: ["CC6.7"],
        },
        aliases: ["CKV_AWS_228", "AVD-AWS-0126", "aws-elasticsearch-use-secure-tls-policy", "aws-elastic-search-use-secure-tls-policy"],
        remediation: "Set `tls_security_policy = \"Policy-Min-TLS-1-2-PFS-2023-10\"` (or `Policy-Min-TLS-1-2-2019-07`) in `domain_endpoint_options` (CloudFormation: `DomainEndpointOptions.TLSSecurityPolicy`).",
        references: ["https://docs.aws.amazon.com/opensearch-service/latest/APIReference/API_DomainEndpointOptions.html"],
        examples: [
            tf_bad("The TLS 1.0 policy from a variable", r#"
variable "tls_policy" {
  default = "Policy-Min-TLS-1-0-2019-07"
}

resource "aws_opensearch_domain" "logs" {
  domain_name = "logs"
  domain_endpoint_options {
    enforce_https       = true
    tls_security_policy = var.tls_policy
  }
}
"#),
            tf_good("TLS 1.2 with forward secrecy", r#"
resource "aws_opensearch_domain" "logs" {
  domain_name = "logs"
  domain_endpoint_options {
    enforce_https       = true
    tls_security_policy = "Policy-Min-TLS-1-2-PFS-2023-10"
  }
}
"#),
            cfn_bad("The TLS 1.0 policy", r#"
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Logs:
    Type: AWS::Elasticsearch::Domain
    Properties:
      DomainEndpointOptions:
        EnforceHTTPS: true
        TLSSecurityPolicy: Policy-Min-TLS-1-0-2019-07
"#),
            cfn_good("TLS 1.2, chosen by a mapping", r#"
AWSTemplateFormatVersion: "2010-09-09"
Mappings:
  Tls:
    Policy:
      Name: Policy-Min-TLS-1-2-2019-07
Resources:
  Logs:
    Type: AWS::OpenSearchService::Domain
    Properties:
      DomainEndpointOptions:
        EnforceHTTPS: true
        TLSSecurityPolicy: !FindInMap [Tls, Policy, Name]
"#),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for d in &state.aws.opensearch.domains {
        let p = &d.tls_security_policy;
        if p.eq_ignore_case(TLS_1_0_POLICY) {
            report.add(
                &d.resource,
                &p.meta,
                "Domain endpoint accepts TLS 1.0 and 1.1 (Policy-Min-TLS-1-0-2019-07)",
            );
        } else if p.is_non_empty() {
            report.pass(&d.resource);
        }
    }
}
