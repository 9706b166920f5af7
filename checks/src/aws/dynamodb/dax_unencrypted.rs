use crate::check::{cfn_bad, cfn_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags a DynamoDB Accelerator (DAX) cluster without encryption at rest
    /// (`server_side_encryption.enabled`, `SSESpecification.SSEEnabled`; off by default).
    ///
    /// A DAX cluster caches items read from DynamoDB tables, which are themselves always
    /// encrypted; unencrypted, the cache's copies and its logs sit in plain text on the
    /// nodes' storage. Encryption can only be chosen when the cluster is created.
    pub static CHECK = {
        id: "aws-dynamodb-dax-unencrypted",
        title: "DAX cluster is not encrypted at rest",
        severity: Medium,
        risk_score: 5.0,
        provider: Aws,
        service: "dynamodb",
        formats: [Terraform, CloudFormation],
        status: Preview,
        compliance: {
            NIST_800_53: ["SC-28"],
            ISO_27001: ["A.8.24"],
            SOC2: ["CC6.1"],
        },
        aliases: ["CKV_AWS_47", "AVD-AWS-0023", "aws-dynamodb-enable-at-rest-encryption"],
        remediation: "Add `server_side_encryption { enabled = true }` (CloudFormation: `SSESpecification: {SSEEnabled: true}`); the cluster must be recreated.",
        references: [
            "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/DAXEncryptionAtRest.html",
            "https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_dax_SSESpecification.html",
        ],
        examples: [
            tf_bad("Off through a variable's default", r#"
variable "encrypt" {
  default = false
}

resource "aws_dax_cluster" "cache" {
  cluster_name       = "cache"
  iam_role_arn       = "arn:aws:iam::111122223333:role/dax"
  node_type          = "dax.r5.large"
  replication_factor = 3

  server_side_encryption {
    enabled = var.encrypt
  }
}
"#),
            tf_good("Encrypted", r#"
resource "aws_dax_cluster" "cache" {
  cluster_name       = "cache"
  iam_role_arn       = "arn:aws:iam::111122223333:role/dax"
  node_type          = "dax.r5.large"
  replication_factor = 3

  server_side_encryption {
    enabled = true
  }
}
"#),
            cfn_bad("Not set, the node type from a parameter", r#"
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  NodeType:
    Type: String
    Default: dax.r5.large
Resources:
  Cache:
    Type: AWS::DAX::Cluster
    Properties:
      IAMRoleARN: arn:aws:iam::111122223333:role/dax
      NodeType: !Ref NodeType
      ReplicationFactor: 3
"#),
            cfn_good("Encrypted", r#"
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Cache:
    Type: AWS::DAX::Cluster
    Properties:
      IAMRoleARN: arn:aws:iam::111122223333:role/dax
      NodeType: dax.r5.large
      ReplicationFactor: 3
      SSESpecification:
        SSEEnabled: true
"#),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for c in &state.aws.dynamodb.dax_clusters {
        let v = &c.encrypted;
        if v.is_false() {
            report.add(&c.resource, &v.meta, "The cluster is not encrypted at rest");
        } else if v.is_true() {
            report.pass(&c.resource);
        }
    }
}
