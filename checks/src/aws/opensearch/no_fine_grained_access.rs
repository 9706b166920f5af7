use crate::check::{cfn_bad, cfn_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags an OpenSearch (or Elasticsearch) domain without fine-grained access control:
    /// `advanced_security_options` absent or `enabled = false` in Terraform,
    /// `AdvancedSecurityOptions.Enabled` absent or false in CloudFormation. Fine-grained
    /// access control is off unless enabled.
    ///
    /// Without it, whoever the access policy admits can read and change every index and
    /// document; with it, the domain authenticates users (IAM, SAML, Cognito or its internal
    /// database) and limits each role to the indices, documents and fields it needs, and it
    /// is what enables audit logs.
    pub static CHECK = {
        id: "aws-opensearch-no-fine-grained-access",
        title: "OpenSearch domain has no fine-grained access control",
        severity: Medium,
        risk_score: 5.5,
        provider: Aws,
        service: "opensearch",
        formats: [Terraform, CloudFormation],
        status: Preview,
        compliance: {
            NIST_800_53: ["AC-3", "AC-6"],
            ISO_27001: ["A.5.15", "A.8.3"],
            SOC2: ["CC6.1", "CC6.3"],
        },
        aliases: ["CKV2_AWS_52"],
        remediation: "Add `advanced_security_options { enabled = true }` with a master user or IAM master role (CloudFormation: `AdvancedSecurityOptions: {Enabled: true, …}`); it requires encryption at rest, node-to-node encryption and HTTPS.",
        references: ["https://docs.aws.amazon.com/opensearch-service/latest/developerguide/fgac.html"],
        examples: [
            tf_bad("No advanced security options", r#"
resource "aws_opensearch_domain" "logs" {
  domain_name = "logs"
}
"#),
            tf_good("Fine-grained access control with an IAM master role from a variable", r#"
variable "master_role" {
  default = "arn:aws:iam::123456789012:role/search-admin"
}

resource "aws_opensearch_domain" "logs" {
  domain_name = "logs"
  advanced_security_options {
    enabled = true
    master_user_options {
      master_user_arn = var.master_role
    }
  }
}
"#),
            cfn_bad("Fine-grained access control switched off by a parameter", r#"
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  FineGrained:
    Type: String
    Default: "false"
Resources:
  Logs:
    Type: AWS::OpenSearchService::Domain
    Properties:
      AdvancedSecurityOptions:
        Enabled: !Ref FineGrained
"#),
            cfn_good("Fine-grained access control with the internal user database", r#"
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Logs:
    Type: AWS::OpenSearchService::Domain
    Properties:
      AdvancedSecurityOptions:
        Enabled: true
        InternalUserDatabaseEnabled: true
"#),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for d in &state.aws.opensearch.domains {
        let f = &d.fine_grained_access;
        if f.is_false() {
            report.add(
                &d.resource,
                &f.meta,
                "Domain has no fine-grained access control",
            );
        } else if f.is_true() {
            report.pass(&d.resource);
        }
    }
}
