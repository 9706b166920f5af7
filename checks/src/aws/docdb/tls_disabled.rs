use crate::check::{cfn_bad, cfn_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags a DocumentDB cluster whose cluster parameter group turns TLS off: the `tls`
    /// parameter is `disabled` in the `aws_docdb_cluster_parameter_group`
    /// (`AWS::DocDB::DBClusterParameterGroup`) its `db_cluster_parameter_group_name`
    /// (`DBClusterParameterGroupName`) names. The default parameter groups, and a group that
    /// does not set `tls`, have it `enabled`; a group that is not declared in the scanned
    /// configuration is not judged.
    ///
    /// With TLS off, clients connect in plain text: credentials, queries and documents can
    /// be read and altered by anything on the network path.
    pub static CHECK = {
        id: "aws-docdb-tls-disabled",
        title: "DocumentDB cluster accepts connections without TLS",
        severity: High,
        risk_score: 7.0,
        provider: Aws,
        service: "docdb",
        formats: [Terraform, CloudFormation],
        status: Preview,
        compliance: {
            NIST_800_53: ["SC-8"],
            ISO_27001: ["A.8.24"],
            SOC2: ["CC6.7"],
        },
        aliases: ["CKV_AWS_90"],
        remediation: "Set the `tls` parameter of the cluster parameter group to `enabled` (or `tls1.2+`), or remove it, and reboot the instances.",
        references: ["https://docs.aws.amazon.com/documentdb/latest/developerguide/security.encryption.ssl.html"],
        examples: [
            tf_bad("TLS disabled in the parameter group, through a variable", r#"
variable "tls" {
  default = "disabled"
}

resource "aws_docdb_cluster_parameter_group" "catalog" {
  family = "docdb5.0"
  name   = "catalog"

  parameter {
    name  = "tls"
    value = var.tls
  }
}

resource "aws_docdb_cluster" "catalog" {
  cluster_identifier              = "catalog"
  engine                          = "docdb"
  master_username                 = "app"
  manage_master_user_password     = true
  storage_encrypted               = true
  db_cluster_parameter_group_name = aws_docdb_cluster_parameter_group.catalog.name
}
"#),
            tf_good("TLS 1.2 and later only; a cluster with the default group", r#"
resource "aws_docdb_cluster_parameter_group" "catalog" {
  family = "docdb5.0"
  name   = "catalog"

  parameter {
    name  = "tls"
    value = "tls1.2+"
  }
}

resource "aws_docdb_cluster" "catalog" {
  cluster_identifier              = "catalog"
  engine                          = "docdb"
  master_username                 = "app"
  manage_master_user_password     = true
  storage_encrypted               = true
  db_cluster_parameter_group_name = aws_docdb_cluster_parameter_group.catalog.name
}

resource "aws_docdb_cluster" "archive" {
  cluster_identifier          = "archive"
  engine                      = "docdb"
  master_username             = "app"
  manage_master_user_password = true
  storage_encrypted           = true
}
"#),
            cfn_bad("TLS disabled in the parameter group named by Ref", r#"
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  CatalogParams:
    Type: AWS::DocDB::DBClusterParameterGroup
    Properties:
      Description: Catalog
      Family: docdb5.0
      Parameters:
        tls: disabled
  Catalog:
    Type: AWS::DocDB::DBCluster
    Properties:
      MasterUsername: app
      ManageMasterUserPassword: true
      StorageEncrypted: true
      DBClusterParameterGroupName: !Ref CatalogParams
"#),
            cfn_good("A group that leaves TLS on", r#"
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  CatalogParams:
    Type: AWS::DocDB::DBClusterParameterGroup
    Properties:
      Description: Catalog
      Family: docdb5.0
      Parameters:
        audit_logs: enabled
  Catalog:
    Type: AWS::DocDB::DBCluster
    Properties:
      MasterUsername: app
      ManageMasterUserPassword: true
      StorageEncrypted: true
      DBClusterParameterGroupName: !Ref CatalogParams
"#),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for c in &state.aws.docdb.clusters {
        let v = &c.tls;
        if v.eq_ignore_case("disabled") {
            report.add(
                &c.resource,
                &v.meta,
                "TLS is disabled by the cluster parameter group",
            );
        } else if v.known().is_some() {
            report.pass(&c.resource);
        }
    }
}
