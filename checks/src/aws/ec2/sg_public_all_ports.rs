use crate::aws::ec2::public_ingress;
use crate::check::{cfn_bad, cfn_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags a security group ingress rule that admits `0.0.0.0/0` or `::/0` on all
    /// protocols (`-1`) or on every port 0–65535.
    ///
    /// Every service on the instances, including ones never meant to be reachable, is then
    /// exposed to the internet.
    pub static CHECK = {
        id: "aws-ec2-sg-public-all-ports",
        title: "Security group allows all traffic from the internet",
        severity: Critical,
        risk_score: 9.0,
        provider: Aws,
        service: "ec2",
        formats: [Terraform, CloudFormation],
        compliance: {
            CIS_AWS: ["5.2", "5.3"],
            NIST_800_53: ["SC-7", "AC-4"],
            ISO_27001: ["A.8.20", "A.8.22"],
            SOC2: ["CC6.6"],
        },
        aliases: ["CKV_AWS_277", "AVD-AWS-0107", "aws-ec2-no-public-ingress-sgr", "cfn_nag:W2"],
        remediation: "Allow only the ports the service needs, from the narrowest source possible.",
        references: ["https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html"],
        examples: [
            tf_bad("All protocols from anywhere", r#"
resource "aws_security_group" "open" {
  name = "open"
}

resource "aws_vpc_security_group_ingress_rule" "all" {
  security_group_id = aws_security_group.open.id
  ip_protocol       = "-1"
  cidr_ipv4         = "0.0.0.0/0"
}
"#),
            tf_good("HTTPS only", r#"
resource "aws_security_group" "web" {
  name = "web"
  ingress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}
"#),
            cfn_bad("All protocols from anywhere, in an ingress resource joined by !Ref", r#"
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Open:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: open
  OpenIngress:
    Type: AWS::EC2::SecurityGroupIngress
    Properties:
      GroupId: !Ref Open
      IpProtocol: "-1"
      CidrIp: 0.0.0.0/0
"#),
            cfn_bad("Every TCP port from anywhere, in a test environment chosen by default", r#"
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Environment:
    Type: String
    Default: test
Conditions:
  IsTest: !Equals [!Ref Environment, test]
Resources:
  App:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: app
      SecurityGroupIngress:
        - IpProtocol: tcp
          FromPort: !If [IsTest, 0, 443]
          ToPort: !If [IsTest, 65535, 443]
          CidrIp: 0.0.0.0/0
"#),
            cfn_good("HTTPS only", r#"
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Web:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: web
      SecurityGroupIngress:
        - IpProtocol: tcp
          FromPort: 443
          ToPort: 443
          CidrIp: 0.0.0.0/0
"#),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    public_ingress(
        state,
        report,
        cloudsentinel_model::aws::ec2::SgRule::covers_all_ports,
        "all ports",
    );
}
