use crate::check::{cfn_bad, cfn_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags an OpenSearch Service (or Elasticsearch) domain without encryption at rest
    /// (`encrypt_at_rest`, `EncryptionAtRestOptions`; off when not configured).
    ///
    /// Indices, logs and snapshots sit unencrypted on the domain's volumes.
    pub static CHECK = {
        id: "aws-opensearch-no-encryption",
        title: "OpenSearch domain is not encrypted at rest",
        severity: Medium,
        risk_score: 5.0,
        provider: Aws,
        service: "opensearch",
        formats: [Terraform, CloudFormation],
        status: Preview,
        compliance: {
            NIST_800_53: ["SC-28"],
            ISO_27001: ["A.8.24"],
            SOC2: ["CC6.1"],
        },
        aliases: ["CKV_AWS_5", "AVD-AWS-0048", "aws-elasticsearch-enable-domain-encryption", "aws-elastic-search-enable-domain-encryption"],
        remediation: "Set `encrypt_at_rest { enabled = true }` (CloudFormation: `EncryptionAtRestOptions: {Enabled: true}`).",
        references: ["https://docs.aws.amazon.com/opensearch-service/latest/developerguide/encryption-at-rest.html"],
        examples: [
            tf_bad("Off through a variable's default", r#"
variable "encrypt" {
  default = false
}

resource "aws_opensearch_domain" "logs" {
  domain_name    = "logs"
  engine_version = "OpenSearch_2.13"

  encrypt_at_rest {
    enabled = var.encrypt
  }

  node_to_node_encryption {
    enabled = true
  }
}
"#),
            tf_good("Both on", r#"
resource "aws_opensearch_domain" "logs" {
  domain_name    = "logs"
  engine_version = "OpenSearch_2.13"

  encrypt_at_rest {
    enabled = true
  }

  node_to_node_encryption {
    enabled = true
  }
}
"#),
            cfn_bad("Off through a parameter's default", r#"
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Encrypt:
    Type: String
    Default: "false"
Resources:
  Logs:
    Type: AWS::OpenSearchService::Domain
    Properties:
      DomainName: logs
      EngineVersion: OpenSearch_2.13
      EncryptionAtRestOptions:
        Enabled: !Ref Encrypt
      NodeToNodeEncryptionOptions:
        Enabled: true
"#),
            cfn_good("Both on", r#"
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
"#),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for r in &state.aws.opensearch.domains {
        let v = &r.encrypt_at_rest;
        if v.is_false() {
            report.add(&r.resource, &v.meta, "Encryption at rest is off");
        } else if v.is_true() {
            report.pass(&r.resource);
        }
    }
}
