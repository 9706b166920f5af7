use crate::check::{cfn_bad, cfn_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags a DB instance that is publicly accessible.
    ///
    /// A public endpoint leaves only the database password between the internet and the
    /// data.
    pub static CHECK = {
        id: "aws-rds-public",
        title: "RDS instance is publicly accessible",
        severity: Critical,
        risk_score: 9.0,
        provider: Aws,
        service: "rds",
        formats: [Terraform, CloudFormation],
        compliance: {
            CIS_AWS: ["2.3.3"],
            NIST_800_53: ["SC-7", "AC-3"],
            ISO_27001: ["A.8.20", "A.8.22"],
            SOC2: ["CC6.6"],
        },
        aliases: [
            "CKV_AWS_17", "AVD-AWS-0082", "AVD-AWS-0180", "aws-rds-no-public-db-access",
            "aws-rds-enable-public-access", "cfn_nag:F22",
        ],
        remediation: "Set `publicly_accessible = false` and place the instance in private subnets. In CloudFormation: `PubliclyAccessible: false`.",
        references: ["https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_VPC.WorkingWithRDSInstanceinaVPC.html#USER_VPC.Hiding"],
        examples: [
            tf_bad("Public access from a tfvars file", r#"
variable "public" {
  type    = bool
  default = false
}

resource "aws_db_instance" "main" {
  identifier          = "main"
  engine              = "mysql"
  instance_class      = "db.t3.micro"
  allocated_storage   = 20
  storage_encrypted   = true
  publicly_accessible = var.public
}

# file: terraform.tfvars
public = true
"#),
            tf_bad("Publicly accessible", r#"
resource "aws_db_instance" "main" {
  identifier          = "main"
  engine              = "mysql"
  instance_class      = "db.t3.micro"
  allocated_storage   = 20
  storage_encrypted   = true
  publicly_accessible = true
}
"#),
            tf_good("Private (the default)", r#"
resource "aws_db_instance" "main" {
  identifier        = "main"
  engine            = "mysql"
  instance_class    = "db.t3.micro"
  allocated_storage = 20
  storage_encrypted = true
}
"#),
            cfn_bad("Public access from a parameter default", r#"
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Public:
    Type: String
    Default: "true"
    AllowedValues: ["true", "false"]
Resources:
  Main:
    Type: AWS::RDS::DBInstance
    Properties:
      DBInstanceIdentifier: main
      Engine: mysql
      DBInstanceClass: db.t3.micro
      AllocatedStorage: "20"
      StorageEncrypted: true
      MasterUsername: admin
      ManageMasterUserPassword: true
      PubliclyAccessible: !Ref Public
"#),
            cfn_bad("Publicly accessible", r#"
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Main:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: mysql
      DBInstanceClass: db.t3.micro
      AllocatedStorage: "20"
      StorageEncrypted: true
      MasterUsername: admin
      ManageMasterUserPassword: true
      PubliclyAccessible: true
"#),
            cfn_good("Private, in subnets of its own subnet group", r#"
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  PrivateSubnets:
    Type: List<AWS::EC2::Subnet::Id>
    Default: subnet-0123456789abcdef0,subnet-0123456789abcdef1
Resources:
  Subnets:
    Type: AWS::RDS::DBSubnetGroup
    Properties:
      DBSubnetGroupDescription: private
      SubnetIds: !Ref PrivateSubnets
  Main:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: mysql
      DBInstanceClass: db.t3.micro
      AllocatedStorage: "20"
      StorageEncrypted: true
      MasterUsername: admin
      ManageMasterUserPassword: true
      DBSubnetGroupName: !Ref Subnets
      PubliclyAccessible: false
"#),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for i in &state.aws.rds.instances {
        if i.publicly_accessible.is_true() {
            report.add(
                &i.resource,
                &i.publicly_accessible.meta,
                "DB instance is publicly accessible",
            );
        } else if i.publicly_accessible.is_false() {
            report.pass(&i.resource);
        }
    }
}
