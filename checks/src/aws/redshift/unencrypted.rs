use crate::check::{cfn_bad, cfn_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags a Redshift cluster whose storage encryption is turned off (`encrypted`,
    /// `Encrypted` false). An absent setting is not judged: AWS encrypts clusters created
    /// since January 2025 by default, while Terraform AWS providers before 6.0 send `false`
    /// for it.
    ///
    /// A data warehouse gathers the organisation's data in one place; unencrypted, its
    /// blocks, backups and snapshots are stored in plain text.
    pub static CHECK = {
        id: "aws-redshift-unencrypted",
        title: "Redshift cluster is not encrypted",
        severity: High,
        risk_score: 7.0,
        provider: Aws,
        service: "redshift",
        formats: [Terraform, CloudFormation],
        status: Preview,
        compliance: {
            NIST_800_53: ["SC-28"],
            ISO_27001: ["A.8.24"],
            SOC2: ["CC6.1"],
        },
        aliases: ["CKV_AWS_64"],
        remediation: "Set `encrypted = true`, ideally with `kms_key_id` (CloudFormation: `Encrypted: true` and `KmsKeyId`).",
        references: [
            "https://docs.aws.amazon.com/redshift/latest/mgmt/working-with-db-encryption.html",
            "https://docs.aws.amazon.com/redshift/latest/APIReference/API_CreateCluster.html",
        ],
        examples: [
            tf_bad("Off through a variable's default", r#"
variable "encrypted" {
  default = false
}

resource "aws_redshift_cluster" "warehouse" {
  cluster_identifier          = "warehouse"
  node_type                   = "ra3.xlplus"
  number_of_nodes             = 2
  master_username             = "admin"
  manage_master_password      = true
  publicly_accessible         = false
  encrypted                   = var.encrypted
}
"#),
            tf_good("Encrypted with a customer key", r#"
resource "aws_redshift_cluster" "warehouse" {
  cluster_identifier     = "warehouse"
  node_type              = "ra3.xlplus"
  number_of_nodes        = 2
  master_username        = "admin"
  manage_master_password = true
  publicly_accessible    = false
  encrypted              = true
  kms_key_id             = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
}
"#),
            cfn_bad("Off through a parameter's default", r#"
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Encrypted:
    Type: String
    Default: "false"
Resources:
  Warehouse:
    Type: AWS::Redshift::Cluster
    Properties:
      ClusterType: multi-node
      NodeType: ra3.xlplus
      NumberOfNodes: 2
      DBName: analytics
      MasterUsername: admin
      ManageMasterPassword: true
      PubliclyAccessible: false
      Encrypted: !Ref Encrypted
"#),
            cfn_good("Encrypted", r#"
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Warehouse:
    Type: AWS::Redshift::Cluster
    Properties:
      ClusterType: multi-node
      NodeType: ra3.xlplus
      NumberOfNodes: 2
      DBName: analytics
      MasterUsername: admin
      ManageMasterPassword: true
      PubliclyAccessible: false
      Encrypted: true
"#),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for c in &state.aws.redshift.clusters {
        let v = &c.encrypted;
        if v.is_false() {
            report.add(&c.resource, &v.meta, "The cluster is not encrypted");
        } else if v.is_true() {
            report.pass(&c.resource);
        }
    }
}
