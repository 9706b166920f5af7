use crate::check::{cfn_bad, cfn_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags an OpenSearch Service (or Elasticsearch) domain that is not placed in a VPC
    /// (`vpc_options`, `VPCOptions`): its endpoint is public, guarded only by the access policy.
    ///
    /// A public search endpoint is found by scanners; one permissive access policy statement exposes
    /// every index.
    pub static CHECK = {
        id: "aws-opensearch-public-endpoint",
        title: "OpenSearch domain has a public endpoint",
        severity: Medium,
        risk_score: 5.5,
        provider: Aws,
        service: "opensearch",
        formats: [Terraform, CloudFormation],
        status: Preview,
        compliance: {
            NIST_800_53: ["SC-7"],
            ISO_27001: ["A.8.20", "A.8.22"],
            SOC2: ["CC6.6"],
        },
        aliases: ["CKV_AWS_137"],
        remediation: "Create the domain with `vpc_options { subnet_ids = …, security_group_ids = … }` (a domain cannot move into a VPC later).",
        references: ["https://docs.aws.amazon.com/opensearch-service/latest/developerguide/vpc.html"],
        examples: [
            tf_bad("No VPC, the engine from a variable", r#"
variable "engine" {
  default = "OpenSearch_2.13"
}

resource "aws_opensearch_domain" "logs" {
  domain_name    = "logs"
  engine_version = var.engine

  encrypt_at_rest {
    enabled = true
  }

  node_to_node_encryption {
    enabled = true
  }

  domain_endpoint_options {
    enforce_https       = true
    tls_security_policy = "Policy-Min-TLS-1-2-2019-07"
  }
}
"#),
            tf_good("In a VPC", r#"
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
            cfn_bad("No VPC, the engine from a parameter", r#"
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Engine:
    Type: String
    Default: OpenSearch_2.13
Resources:
  Logs:
    Type: AWS::OpenSearchService::Domain
    Properties:
      DomainName: logs
      EngineVersion: !Ref Engine
      EncryptionAtRestOptions:
        Enabled: true
      NodeToNodeEncryptionOptions:
        Enabled: true
      DomainEndpointOptions:
        EnforceHTTPS: true
        TLSSecurityPolicy: Policy-Min-TLS-1-2-2019-07
"#),
            cfn_good("In a VPC", r#"
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
        let v = &r.in_vpc;
        if v.is_false() {
            report.add(
                &r.resource,
                &v.meta,
                "The domain is not in a VPC: its endpoint is public",
            );
        } else if v.is_true() {
            report.pass(&r.resource);
        }
    }
}
