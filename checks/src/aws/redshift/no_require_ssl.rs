use crate::check::{cfn_bad, cfn_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags a Redshift cluster whose parameter group lets clients connect without TLS: the
    /// `require_ssl` parameter is `false` in the `aws_redshift_parameter_group`
    /// (`AWS::Redshift::ClusterParameterGroup`) its `cluster_parameter_group_name`
    /// (`ClusterParameterGroupName`) names. A cluster on a default parameter group, on a
    /// group that does not set `require_ssl`, or on a group not declared in the scanned
    /// configuration is not judged: the default parameter group's value changed from `false`
    /// to `true` for clusters created since January 2025.
    ///
    /// Without `require_ssl`, clients may connect in plain text: credentials, queries and
    /// result sets can be read and altered by anything on the network path.
    pub static CHECK = {
        id: "aws-redshift-no-require-ssl",
        title: "Redshift cluster accepts connections without TLS",
        severity: High,
        risk_score: 7.0,
        provider: Aws,
        service: "redshift",
        formats: [Terraform, CloudFormation],
        status: Preview,
        compliance: {
            NIST_800_53: ["SC-8"],
            ISO_27001: ["A.8.24"],
            SOC2: ["CC6.7"],
        },
        aliases: ["CKV_AWS_105"],
        remediation: "Set the `require_ssl` parameter of the cluster's parameter group to `true` (CloudFormation: a `Parameters` entry `ParameterName: require_ssl`, `ParameterValue: \"true\"`).",
        references: [
            "https://docs.aws.amazon.com/redshift/latest/mgmt/connecting-ssl-support.html",
            "https://docs.aws.amazon.com/redshift/latest/mgmt/working-with-parameter-groups.html",
        ],
        examples: [
            tf_bad("Not required, through a variable's default", r#"
variable "require_ssl" {
  default = "false"
}

resource "aws_redshift_parameter_group" "warehouse" {
  name   = "warehouse"
  family = "redshift-2.0"

  parameter {
    name  = "require_ssl"
    value = var.require_ssl
  }
}

resource "aws_redshift_cluster" "warehouse" {
  cluster_identifier           = "warehouse"
  node_type                    = "ra3.xlplus"
  number_of_nodes              = 2
  master_username              = "admin"
  manage_master_password       = true
  encrypted                    = true
  publicly_accessible          = false
  cluster_parameter_group_name = aws_redshift_parameter_group.warehouse.name
}
"#),
            tf_good("Required", r#"
resource "aws_redshift_parameter_group" "warehouse" {
  name   = "warehouse"
  family = "redshift-2.0"

  parameter {
    name  = "require_ssl"
    value = "true"
  }
}

resource "aws_redshift_cluster" "warehouse" {
  cluster_identifier           = "warehouse"
  node_type                    = "ra3.xlplus"
  number_of_nodes              = 2
  master_username              = "admin"
  manage_master_password       = true
  encrypted                    = true
  publicly_accessible          = false
  cluster_parameter_group_name = aws_redshift_parameter_group.warehouse.name
}
"#),
            cfn_bad("Not required, in the group named by Ref", r#"
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  WarehouseParams:
    Type: AWS::Redshift::ClusterParameterGroup
    Properties:
      Description: Warehouse
      ParameterGroupFamily: redshift-2.0
      Parameters:
        - ParameterName: require_ssl
          ParameterValue: "false"
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
      ClusterParameterGroupName: !Ref WarehouseParams
"#),
            cfn_good("Required", r#"
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  WarehouseParams:
    Type: AWS::Redshift::ClusterParameterGroup
    Properties:
      Description: Warehouse
      ParameterGroupFamily: redshift-2.0
      Parameters:
        - ParameterName: require_ssl
          ParameterValue: "true"
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
      ClusterParameterGroupName: !Ref WarehouseParams
"#),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for c in &state.aws.redshift.clusters {
        let v = &c.require_ssl;
        if v.is_false() {
            report.add(
                &c.resource,
                &v.meta,
                "The cluster's parameter group does not require TLS",
            );
        } else if v.is_true() {
            report.pass(&c.resource);
        }
    }
}
