use crate::aws::ec2::public_ingress;
use crate::check::{cfn_bad, cfn_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags a security group ingress rule that admits `0.0.0.0/0` or `::/0` to a port
    /// range including 3389, over TCP or all protocols.
    ///
    /// Internet-facing RDP is one of the most common ransomware entry points.
    ///
    /// A rule open on all protocols or on every port 0–65535 is reported once, by
    /// `aws-ec2-sg-public-all-ports`, whose message names RDP among what it opens: this
    /// check neither reports it nor passes its group.
    pub static CHECK = {
        id: "aws-ec2-sg-public-rdp",
        title: "Security group allows RDP from the internet",
        severity: High,
        risk_score: 8.0,
        provider: Aws,
        service: "ec2",
        formats: [Terraform, CloudFormation],
        compliance: {
            CIS_AWS: ["5.2", "5.3"],
            NIST_800_53: ["AC-17", "SC-7"],
            ISO_27001: ["A.8.20", "A.8.22"],
            SOC2: ["CC6.6"],
        },
        aliases: ["CKV_AWS_25", "AVD-AWS-0107", "aws-ec2-no-public-ingress-sgr", "cfn_nag:W2"],
        remediation: "Restrict the rule's source to your administration network, or use Fleet Manager / a VPN instead of exposing RDP.",
        references: ["https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html"],
        examples: [
            tf_bad("A separate rule joined by reference, source from a variable default", r#"
variable "rdp_sources" {
  default = ["0.0.0.0/0"]
}

resource "aws_security_group" "windows" {
  name = "windows"
}

resource "aws_security_group_rule" "rdp" {
  type              = "ingress"
  security_group_id = aws_security_group.windows.id
  from_port         = 3389
  to_port           = 3389
  protocol          = "tcp"
  cidr_blocks       = var.rdp_sources
}
"#),
            tf_bad("RDP open to the world", r#"
resource "aws_security_group" "windows" {
  name = "windows"
  ingress {
    from_port   = 3389
    to_port     = 3389
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}
"#),
            tf_good("RDP from the corporate network", r#"
resource "aws_security_group" "windows" {
  name = "windows"
  ingress {
    from_port   = 3389
    to_port     = 3389
    protocol    = "tcp"
    cidr_blocks = ["192.168.10.0/24"]
  }
}
"#),
            cfn_bad("A separate ingress resource joined by !Ref, source from a parameter default", r#"
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  RdpSource:
    Type: String
    Default: 0.0.0.0/0
Resources:
  Windows:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: windows
  RdpIngress:
    Type: AWS::EC2::SecurityGroupIngress
    Properties:
      GroupId: !Ref Windows
      IpProtocol: tcp
      FromPort: 3389
      ToPort: 3389
      CidrIp: !Ref RdpSource
"#),
            cfn_bad("RDP open to the world", r#"
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Windows:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: windows
      SecurityGroupIngress:
        - IpProtocol: tcp
          FromPort: 3389
          ToPort: 3389
          CidrIp: 0.0.0.0/0
"#),
            cfn_good("RDP from the corporate network", r#"
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Windows:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: windows
      SecurityGroupIngress:
        - IpProtocol: tcp
          FromPort: 3389
          ToPort: 3389
          CidrIp: 192.168.10.0/24
"#),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    public_ingress(
        state,
        report,
        |r| r.covers_tcp_port(3389),
        "RDP (port 3389)",
    );
}
