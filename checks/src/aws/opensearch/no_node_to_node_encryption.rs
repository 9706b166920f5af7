use crate::check::{cfn_bad, cfn_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags an OpenSearch Service (or Elasticsearch) domain without node-to-node encryption
    /// (`node_to_node_encryption`, `NodeToNodeEncryptionOptions`; off when not configured).
    ///
    /// Traffic between the domain's nodes (documents being indexed and replicated) crosses the VPC in plain text.
    pub static CHECK = {
        id: "aws-opensearch-no-node-to-node-encryption",
        title: "OpenSearch domain does not encrypt traffic between nodes",
        severity: Medium,
        risk_score: 4.5,
        provider: Aws,
        service: "opensearch",
        formats: [Terraform, CloudFormation],
        status: Preview,
        compliance: {
            NIST_800_53: ["SC-8"],
            ISO_27001: ["A.8.24"],
            SOC2: ["CC6.7"],
        },
        aliases: ["CKV_AWS_6", "AVD-AWS-0043", "aws-elasticsearch-enable-in-transit-encryption", "aws-elastic-search-enable-in-transit-encryption"],
        remediation: "Set `node_to_node_encryption { enabled = true }` (CloudFormation: `NodeToNodeEncryptionOptions: {Enabled: true}`).",
        references: ["https://docs.aws.amazon.com/opensearch-service/latest/developerguide/ntn.html"],
        examples: [
            tf_bad("Off through a variable's default", r#"
variable "encrypt" {
  default = false
}

resource "aws_opensearch_domain" "logs" {
  domain_name    = "logs"
  engine_version = "OpenSearch_2.13"

  node_to_node_encryption {
    enabled = var.encrypt
  }

  encrypt_at_rest {
    enabled = true
  }
}
"#),
            tf_good("Both on", r#"
resource "aws_opensearch_domain" "logs" {
  domain_name    = "logs"
  engine_version = "OpenSearch_2.13"

  node_to_node_encryption {
    enabled = true
  }

  encrypt_at_rest {
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
      NodeToNodeEncryptionOptions:
        Enabled: !Ref Encrypt
      EncryptionAtRestOptions:
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
      NodeToNodeEncryptionOptions:
        Enabled: true
      EncryptionAtRestOptions:
        Enabled: true
"#),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for r in &state.aws.opensearch.domains {
        let v = &r.node_to_node;
        if v.is_false() {
            report.add(&r.resource, &v.meta, "Node-to-node encryption is off");
        } else if v.is_true() {
            report.pass(&r.resource);
        }
    }
}
