use crate::check::{cfn_bad, cfn_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags an instance launched with a public IP address and a subnet that maps public IP
    /// addresses on launch.
    ///
    /// A public address makes the instance reachable from the internet as soon as any
    /// security group rule allows it; front services with a load balancer instead.
    pub static CHECK = {
        id: "aws-ec2-public-ip",
        title: "Instance or subnet assigns public IP addresses",
        severity: Medium,
        risk_score: 5.0,
        provider: Aws,
        service: "ec2",
        formats: [Terraform, CloudFormation],
        compliance: {
            NIST_800_53: ["SC-7", "AC-4"],
            ISO_27001: ["A.8.20"],
            SOC2: ["CC6.6"],
        },
        aliases: ["CKV_AWS_88", "CKV_AWS_130", "AVD-AWS-0164", "aws-ec2-no-public-ip-subnet"],
        remediation: "Set `associate_public_ip_address = false` and `map_public_ip_on_launch = false`; reach instances through a load balancer, NAT or Session Manager. In CloudFormation: `AssociatePublicIpAddress: false` and `MapPublicIpOnLaunch: false`.",
        references: ["https://docs.aws.amazon.com/vpc/latest/userguide/vpc-ip-addressing.html"],
        examples: [
            tf_bad("A subnet mapping public addresses", r#"
resource "aws_subnet" "public" {
  vpc_id                  = "vpc-0123456789abcdef0"
  cidr_block              = "10.0.1.0/24"
  map_public_ip_on_launch = true
}
"#),
            tf_bad("An instance with a public address", r#"
resource "aws_instance" "app" {
  ami                         = "ami-0123456789abcdef0"
  instance_type               = "t3.micro"
  associate_public_ip_address = true
}
"#),
            tf_good("A private subnet and instance", r#"
resource "aws_subnet" "private" {
  vpc_id     = "vpc-0123456789abcdef0"
  cidr_block = "10.0.2.0/24"
}

resource "aws_instance" "app" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.micro"
  subnet_id     = aws_subnet.private.id
}
"#),
            cfn_bad("A subnet mapping public addresses because the tier parameter defaults to public", r#"
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  VpcId:
    Type: AWS::EC2::VPC::Id
    Default: vpc-0123456789abcdef0
  Tier:
    Type: String
    Default: public
    AllowedValues: [public, private]
Conditions:
  IsPublic: !Equals [!Ref Tier, public]
Resources:
  Web:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !Ref VpcId
      CidrBlock: 10.0.1.0/24
      MapPublicIpOnLaunch: !If [IsPublic, true, false]
"#),
            cfn_bad("An instance whose primary interface gets a public address", r#"
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  App:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-0123456789abcdef0
      InstanceType: t3.micro
      NetworkInterfaces:
        - DeviceIndex: "0"
          SubnetId: subnet-0123456789abcdef0
          AssociatePublicIpAddress: true
"#),
            cfn_good("A private subnet and an instance in it", r#"
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Private:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: vpc-0123456789abcdef0
      CidrBlock: 10.0.2.0/24
  App:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-0123456789abcdef0
      InstanceType: t3.micro
      SubnetId: !Ref Private
"#),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    let ec2 = &state.aws.ec2;
    for i in &ec2.instances {
        if i.associate_public_ip.is_true() {
            report.add(
                &i.resource,
                &i.associate_public_ip.meta,
                "Instance is launched with a public IP address",
            );
        } else if i.associate_public_ip.is_false() {
            report.pass(&i.resource);
        }
    }
    for s in &ec2.subnets {
        if s.map_public_ip_on_launch.is_true() {
            report.add(
                &s.resource,
                &s.map_public_ip_on_launch.meta,
                "Subnet assigns public IP addresses on launch",
            );
        } else if s.map_public_ip_on_launch.is_false() {
            report.pass(&s.resource);
        }
    }
}
