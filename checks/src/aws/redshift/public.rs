use crate::check::{cfn_bad, cfn_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags a Redshift cluster that is publicly accessible (`publicly_accessible`,
    /// `PubliclyAccessible` true). An absent setting is not judged: the default was `true`
    /// (and still is in Terraform AWS providers before 6.0, which send it), and is `false`
    /// for clusters AWS creates since January 2025.
    ///
    /// A publicly accessible cluster gets a public IP address and a DNS name that resolves
    /// to it; only its security groups then stand between the internet and the database's
    /// login prompt.
    pub static CHECK = {
        id: "aws-redshift-public",
        title: "Redshift cluster is publicly accessible",
        severity: High,
        risk_score: 8.0,
        provider: Aws,
        service: "redshift",
        formats: [Terraform, CloudFormation],
        status: Preview,
        compliance: {
            NIST_800_53: ["AC-3", "SC-7"],
            ISO_27001: ["A.8.20", "A.8.22"],
            SOC2: ["CC6.6"],
        },
        aliases: ["CKV_AWS_87"],
        remediation: "Set `publicly_accessible = false` (CloudFormation: `PubliclyAccessible: false`) and reach the cluster from inside the VPC.",
        references: [
            "https://docs.aws.amazon.com/redshift/latest/mgmt/rs-security-group-public-private.html",
            "https://docs.aws.amazon.com/redshift/latest/APIReference/API_CreateCluster.html",
        ],
        examples: [
            tf_bad("Public through a variable's default", r#"
variable "public" {
  default = true
}

resource "aws_redshift_cluster" "warehouse" {
  cluster_identifier     = "warehouse"
  node_type              = "ra3.xlplus"
  number_of_nodes        = 2
  master_username        = "admin"
  manage_master_password = true
  encrypted              = true
  publicly_accessible    = var.public
}
"#),
            tf_good("Private", r#"
resource "aws_redshift_cluster" "warehouse" {
  cluster_identifier     = "warehouse"
  node_type              = "ra3.xlplus"
  number_of_nodes        = 2
  master_username        = "admin"
  manage_master_password = true
  encrypted              = true
  publicly_accessible    = false
}
"#),
            cfn_bad("Public through a condition", r#"
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Env:
    Type: String
    Default: demo
Conditions:
  IsDemo: !Equals [!Ref Env, demo]
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
      Encrypted: true
      PubliclyAccessible: !If [IsDemo, true, false]
"#),
            cfn_good("Private", r#"
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
      Encrypted: true
      PubliclyAccessible: false
"#),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for c in &state.aws.redshift.clusters {
        let v = &c.publicly_accessible;
        if v.is_true() {
            report.add(&c.resource, &v.meta, "The cluster is publicly accessible");
        } else if v.is_false() {
            report.pass(&c.resource);
        }
    }
}
