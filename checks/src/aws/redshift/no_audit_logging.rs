use crate::check::{cfn_bad, cfn_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags a Redshift cluster without audit logging: no `logging { enable = true }` block
    /// and no `aws_redshift_logging` resource naming it in `cluster_identifier` (Terraform),
    /// no `LoggingProperties` (CloudFormation). Audit logging is off by default. A logging
    /// resource whose cluster cannot be evaluated leaves the clusters it might name
    /// unjudged.
    ///
    /// Redshift's audit logs record connections, users and the queries they ran; without
    /// them, who read or changed data in the warehouse cannot be established afterwards.
    pub static CHECK = {
        id: "aws-redshift-no-audit-logging",
        title: "Redshift cluster has audit logging off",
        severity: Medium,
        risk_score: 4.5,
        provider: Aws,
        service: "redshift",
        formats: [Terraform, CloudFormation],
        status: Preview,
        compliance: {
            NIST_800_53: ["AU-2", "AU-12"],
            ISO_27001: ["A.8.15"],
            SOC2: ["CC7.2"],
        },
        aliases: ["CKV_AWS_71"],
        remediation: "Add an `aws_redshift_logging` resource for the cluster (CloudFormation: `LoggingProperties`) sending logs to CloudWatch Logs or S3, and set `enable_user_activity_logging` in its parameter group for query text.",
        references: ["https://docs.aws.amazon.com/redshift/latest/mgmt/db-auditing.html"],
        examples: [
            tf_bad("Turned off through a variable", r#"
variable "audit" {
  default = false
}

resource "aws_redshift_cluster" "warehouse" {
  cluster_identifier     = "warehouse"
  node_type              = "ra3.xlplus"
  number_of_nodes        = 2
  master_username        = "admin"
  manage_master_password = true
  encrypted              = true
  publicly_accessible    = false

  logging {
    enable      = var.audit
    bucket_name = "example-redshift-logs"
  }
}
"#),
            tf_good("An aws_redshift_logging resource", r#"
resource "aws_redshift_cluster" "warehouse" {
  cluster_identifier     = "warehouse"
  node_type              = "ra3.xlplus"
  number_of_nodes        = 2
  master_username        = "admin"
  manage_master_password = true
  encrypted              = true
  publicly_accessible    = false
}

resource "aws_redshift_logging" "warehouse" {
  cluster_identifier   = aws_redshift_cluster.warehouse.id
  log_destination_type = "cloudwatch"
  log_exports          = ["connectionlog", "userlog", "useractivitylog"]
}
"#),
            cfn_bad("No logging properties, the node count from a parameter", r#"
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Nodes:
    Type: Number
    Default: 2
Resources:
  Warehouse:
    Type: AWS::Redshift::Cluster
    Properties:
      ClusterType: multi-node
      NodeType: ra3.xlplus
      NumberOfNodes: !Ref Nodes
      DBName: analytics
      MasterUsername: admin
      ManageMasterPassword: true
      Encrypted: true
      PubliclyAccessible: false
"#),
            cfn_good("Logs to CloudWatch Logs", r#"
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
      LoggingProperties:
        LogDestinationType: cloudwatch
        LogExports: [connectionlog, userlog, useractivitylog]
"#),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for c in &state.aws.redshift.clusters {
        let v = &c.audit_logging;
        if v.is_false() {
            report.add(&c.resource, &v.meta, "Audit logging is off");
        } else if v.is_true() {
            report.pass(&c.resource);
        }
    }
}
