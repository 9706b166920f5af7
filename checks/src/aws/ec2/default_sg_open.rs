use crate::check::{cfn_bad, cfn_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags a VPC's default security group that has any ingress or egress rule, and a
    /// Terraform VPC that does not declare its default security group at all: AWS creates it
    /// allowing all traffic between its members and all egress, so the finding is then on
    /// the VPC.
    ///
    /// CloudFormation cannot manage a VPC's default security group, so a template's VPC is
    /// given no verdict: a finding there would be one its reader cannot fix in that code
    /// (the AWS template collection alone has 37 such VPCs). Whether AWS's rules were removed
    /// outside the template is what a live scan (`scan --live aws`) reads, where the default
    /// group itself is judged. Rules a template adds to the default group
    /// (`AWS::EC2::SecurityGroupIngress` or `Egress` with `GroupId: !GetAtt Vpc.DefaultSecurityGroup`)
    /// are reported.
    ///
    /// Resources launched without an explicit group land in the default one; restricting it
    /// to no rules makes that mistake harmless.
    pub static CHECK = {
        id: "aws-ec2-default-sg-open",
        title: "VPC default security group allows traffic",
        severity: Medium,
        risk_score: 5.0,
        provider: Aws,
        service: "ec2",
        formats: [Terraform, CloudFormation],
        compliance: {
            CIS_AWS: ["5.4"],
            NIST_800_53: ["SC-7", "AC-4"],
            ISO_27001: ["A.8.20"],
            SOC2: ["CC6.6"],
        },
        aliases: ["CKV2_AWS_12", "AVD-AWS-0173", "aws-ec2-restrict-all-in-default-sg"],
        remediation: "Declare `aws_default_security_group` for the VPC with no `ingress` or `egress` blocks, which removes AWS's default rules. CloudFormation cannot declare a VPC's default security group: remove its rules outside the template (a custom resource, or an automated remediation of the account); a live scan then confirms the group allows nothing. Never add rules to it with `!GetAtt Vpc.DefaultSecurityGroup`.",
        references: ["https://docs.aws.amazon.com/vpc/latest/userguide/default-security-group.html"],
        examples: [
            tf_bad("A VPC whose default group is left with AWS's rules", r#"
resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_flow_log" "main" {
  vpc_id          = aws_vpc.main.id
  traffic_type    = "ALL"
  log_destination = "arn:aws:s3:::example-flow-logs"
}
"#),
            tf_bad("A declared default group that allows ingress", r#"
resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_default_security_group" "main" {
  vpc_id = aws_vpc.main.id
  ingress {
    protocol  = "-1"
    self      = true
    from_port = 0
    to_port   = 0
  }
}
"#),
            tf_good("The default group declared without rules", r#"
resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_default_security_group" "main" {
  vpc_id = aws_vpc.main.id
}
"#),
            cfn_bad("Ingress added to the VPC's default group", r"
Resources:
  Main:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: 10.0.0.0/16
  DefaultSsh:
    Type: AWS::EC2::SecurityGroupIngress
    Properties:
      GroupId: !GetAtt Main.DefaultSecurityGroup
      IpProtocol: tcp
      FromPort: 22
      ToPort: 22
      CidrIp: 10.0.0.0/8
"),
            cfn_good("A VPC: CloudFormation cannot manage its default group, so a live scan judges it", r"
Parameters:
  CidrBlock:
    Type: String
    Default: 10.0.0.0/16
Resources:
  Main:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: !Ref CidrBlock
"),
            cfn_good("No VPC is created: the stack builds in an existing VPC, whose default group is managed where that VPC is declared", r#"
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  VpcId:
    Type: AWS::EC2::VPC::Id
Resources:
  App:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !Ref VpcId
      CidrBlock: 10.0.3.0/24
  AppGroup:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: app
      VpcId: !Ref VpcId
"#),
            cfn_good("The VPC is only created when a parameter asks for it, and its default says no", r#"
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  CreateVpc:
    Type: String
    Default: "false"
    AllowedValues: ["true", "false"]
  ExistingVpcId:
    Type: String
    Default: vpc-0123456789abcdef0
Conditions:
  NewVpc: !Equals [!Ref CreateVpc, "true"]
Resources:
  Main:
    Type: AWS::EC2::VPC
    Condition: NewVpc
    Properties:
      CidrBlock: 10.0.0.0/16
  App:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !If [NewVpc, !Ref Main, !Ref ExistingVpcId]
      CidrBlock: 10.0.3.0/24
"#),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for group in state
        .aws
        .ec2
        .security_groups
        .iter()
        .filter(|g| g.is_default)
    {
        if let Some(rule) = group.ingress.iter().chain(&group.egress).next() {
            report.add(
                &group.resource,
                &rule.meta,
                "Default security group has rules; it should allow no traffic",
            );
        } else if !group.rules_incomplete {
            // No rule, and none that could not be evaluated: the group allows no traffic.
            report.pass(&group.resource);
        }
    }
    for vpc in &state.aws.ec2.vpcs {
        if vpc.default_security_group_declared.is_false() {
            report.add(
                &vpc.resource,
                &vpc.default_security_group_declared.meta,
                "VPC's default security group is not managed, so it keeps AWS's allow rules",
            );
        } else if vpc.default_security_group_declared.is_true() {
            report.pass(&vpc.resource);
        }
    }
}
