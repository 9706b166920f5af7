use crate::check::{cfn_bad, cfn_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags an OpenSearch Service (or Elasticsearch) domain that does not require HTTPS
    /// (`domain_endpoint_options.enforce_https`, `DomainEndpointOptions.EnforceHTTPS`). In
    /// CloudFormation it is false unless set; the Terraform provider leaves it to AWS when the block
    /// is absent, so only a written value is judged there.
    ///
    /// Over plain HTTP, queries, documents and the credentials or signed requests of clients cross the
    /// network in clear text.
    pub static CHECK = {
        id: "aws-opensearch-no-https",
        title: "OpenSearch domain does not require HTTPS",
        severity: Medium,
        risk_score: 5.0,
        provider: Aws,
        service: "opensearch",
        formats: [Terraform, CloudFormation],
        status: Preview,
        compliance: {
            NIST_800_53: ["SC-8"],
            ISO_27001: ["A.8.24"],
            SOC2: ["CC6.7"],
        },
        aliases: ["CKV_AWS_83", "AVD-AWS-0046", "aws-elasticsearch-enforce-https", "aws-elastic-search-enforce-https"],
        remediation: "Set `domain_endpoint_options { enforce_https = true, tls_security_policy = \"Policy-Min-TLS-1-2-2019-07\" }`.",
        references: ["https://docs.aws.amazon.com/opensearch-service/latest/developerguide/infrastructure-security.html"],
        examples: [
            tf_bad("HTTPS not required through a variable's default", r#"
variable "https" {
  default = false
}

resource "aws_opensearch_domain" "logs" {
  domain_name    = "logs"
  engine_version = "OpenSearch_2.13"

  encrypt_at_rest {
    enabled = true
  }

  node_to_node_encryption {
    enabled = true
  }

  vpc_options {
    subnet_ids         = ["subnet-0123456789abcdef0"]
    security_group_ids = ["sg-0123456789abcdef0"]
  }

  domain_endpoint_options {
    enforce_https = var.https
  }
}
"#),
            tf_good("HTTPS required", r#"
resource "aws_opensearch_domain" "logs" {
  domain_name    = "logs"
  engine_version = "OpenSearch_2.13"

  encrypt_at_rest {
    enabled = true
  }

  node_to_node_encryption {
    enabled = true
  }

  vpc_options {
    subnet_ids         = ["subnet-0123456789abcdef0"]
    security_group_ids = ["sg-0123456789abcdef0"]
  }

  domain_endpoint_options {
    enforce_https       = true
    tls_security_policy = "Policy-Min-TLS-1-2-2019-07"
  }
}
"#),
            cfn_bad("HTTPS not required through a parameter's default", r#"
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Https:
    Type: String
    Default: "false"
Resources:
  Logs:
    Type: AWS::OpenSearchService::Domain
    Properties:
      DomainName: logs
      EngineVersion: OpenSearch_2.13
      EncryptionAtRestOptions:
        Enabled: true
      NodeToNodeEncryptionOptions:
        Enabled: true
      VPCOptions:
        SubnetIds: [subnet-0123456789abcdef0]
        SecurityGroupIds: [sg-0123456789abcdef0]
      DomainEndpointOptions:
        EnforceHTTPS: !Ref Https
"#),
            cfn_good("HTTPS required", r#"
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Logs:
    Type: AWS::OpenSearchService::Domain
    Properties:
      DomainName: logs
      EngineVersion: OpenSearch_2.13
      EncryptionAtRestOptions:
        Enabled: true
      NodeToNodeEncryptionOptions:
        Enabled: true
      VPCOptions:
        SubnetIds: [subnet-0123456789abcdef0]
        SecurityGroupIds: [sg-0123456789abcdef0]
      DomainEndpointOptions:
        EnforceHTTPS: true
        TLSSecurityPolicy: Policy-Min-TLS-1-2-2019-07
"#),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for r in &state.aws.opensearch.domains {
        let v = &r.enforce_https;
        if v.is_false() {
            report.add(&r.resource, &v.meta, "HTTPS is not required");
        } else if v.is_true() {
            report.pass(&r.resource);
        }
    }
}
