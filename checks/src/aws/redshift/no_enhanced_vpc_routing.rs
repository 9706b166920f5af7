use crate::check::{cfn_bad, cfn_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags a Redshift cluster without enhanced VPC routing (`enhanced_vpc_routing`,
    /// `EnhancedVpcRouting`; off by default).
    ///
    /// Without it, `COPY` and `UNLOAD` traffic between the cluster and S3 or other data
    /// sources leaves the VPC over the internet: VPC endpoint policies, security groups,
    /// network ACLs and flow logs neither restrict nor record it, so data can be unloaded to
    /// any bucket unseen.
    pub static CHECK = {
        id: "aws-redshift-no-enhanced-vpc-routing",
        title: "Redshift cluster does not route its data traffic through the VPC",
        severity: Low,
        risk_score: 3.0,
        provider: Aws,
        service: "redshift",
        formats: [Terraform, CloudFormation],
        status: Preview,
        compliance: {
            NIST_800_53: ["SC-7", "AC-4"],
            ISO_27001: ["A.8.22"],
            SOC2: ["CC6.6"],
        },
        aliases: ["CKV_AWS_321"],
        remediation: "Set `enhanced_vpc_routing = true` (CloudFormation: `EnhancedVpcRouting: true`) and give the VPC an S3 gateway endpoint.",
        references: [
            "https://docs.aws.amazon.com/redshift/latest/mgmt/enhanced-vpc-routing.html",
            "https://docs.aws.amazon.com/redshift/latest/APIReference/API_CreateCluster.html",
        ],
        examples: [
            tf_bad("Not set, the node type from a variable", r#"
variable "node_type" {
  default = "ra3.xlplus"
}

resource "aws_redshift_cluster" "warehouse" {
  cluster_identifier     = "warehouse"
  node_type              = var.node_type
  number_of_nodes        = 2
  master_username        = "admin"
  manage_master_password = true
  encrypted              = true
  publicly_accessible    = false
}
"#),
            tf_good("On", r#"
resource "aws_redshift_cluster" "warehouse" {
  cluster_identifier     = "warehouse"
  node_type              = "ra3.xlplus"
  number_of_nodes        = 2
  master_username        = "admin"
  manage_master_password = true
  encrypted              = true
  publicly_accessible    = false
  enhanced_vpc_routing   = true
}
"#),
            cfn_bad("Off through a parameter's default", r#"
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  VpcRouting:
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
      Encrypted: true
      PubliclyAccessible: false
      EnhancedVpcRouting: !Ref VpcRouting
"#),
            cfn_good("On", r#"
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
      EnhancedVpcRouting: true
"#),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for c in &state.aws.redshift.clusters {
        let v = &c.enhanced_vpc_routing;
        if v.is_false() {
            report.add(&c.resource, &v.meta, "Enhanced VPC routing is off");
        } else if v.is_true() {
            report.pass(&c.resource);
        }
    }
}
