use crate::aws::ec2::{DATABASE_PORTS, ingress_decided, reported_as_all_ports};
use crate::check::{cfn_bad, cfn_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;
use cloudsentinel_model::aws::ec2::SgRule;

declare_check! {
    /// Flags a security group ingress rule that admits `0.0.0.0/0` or `::/0` on all
    /// protocols (`-1`) or on every port 0–65535. The finding names what else the rule opens
    /// (SSH, RDP, database ports): such a rule gets this one finding, not also those of
    /// `aws-ec2-sg-public-ssh`, `aws-ec2-sg-public-rdp` and `aws-ec2-sg-public-database`,
    /// which give no verdict on it. A rule whose protocol or ports are Unknown is not taken for
    /// an all-ports rule.
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
            tf_bad("An inline rule on all protocols from anywhere", r#"
resource "aws_security_group" "open" {
  name = "open"
  ingress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }
}
"#),
            tf_bad("Every TCP port from a variable's default", r#"
variable "sources" {
  default = ["0.0.0.0/0"]
}

resource "aws_security_group" "app" {
  name = "app"
  ingress {
    from_port   = 0
    to_port     = 65535
    protocol    = "tcp"
    cidr_blocks = var.sources
  }
}
"#),
            tf_bad("Every UDP port from anywhere: no TCP service named", r#"
resource "aws_security_group" "udp" {
  name = "udp"
  ingress {
    from_port   = 0
    to_port     = 65535
    protocol    = "udp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}
"#),
            tf_good("A port range from a variable without a value is not guessed", r#"
variable "last_port" {
  type = number
}

resource "aws_security_group" "app" {
  name = "app"
  ingress {
    from_port   = 0
    to_port     = var.last_port
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
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
    for group in &state.aws.ec2.security_groups {
        let mut failed = false;
        for rule in group.ingress.iter().filter(|r| reported_as_all_ports(r)) {
            if let Some(source) = rule.public_source() {
                failed = true;
                report.add(
                    &group.resource,
                    &source.at.meta,
                    format!(
                        "Ingress rule admits {} to all ports{}",
                        source.describe,
                        also_opened(rule)
                    ),
                );
            }
        }
        if !failed && ingress_decided(group, SgRule::covers_all_ports) {
            report.pass(&group.resource);
        }
    }
}

/// What else an all-ports rule opens, in the words of the port-specific checks it stands for:
/// ", including SSH (22), RDP (3389) and database ports (1433, …)", or nothing for a rule that
/// admits no TCP (all UDP ports, say).
fn also_opened(rule: &SgRule) -> String {
    let mut opened = Vec::new();
    if rule.covers_tcp_port(22) {
        opened.push("SSH (22)".to_string());
    }
    if rule.covers_tcp_port(3389) {
        opened.push("RDP (3389)".to_string());
    }
    let databases: Vec<String> = DATABASE_PORTS
        .iter()
        .filter(|p| rule.covers_tcp_port(**p))
        .map(ToString::to_string)
        .collect();
    if !databases.is_empty() {
        opened.push(format!("database ports ({})", databases.join(", ")));
    }
    match opened.as_slice() {
        [] => String::new(),
        [one] => format!(", including {one}"),
        [init @ .., last] => format!(", including {} and {last}", init.join(", ")),
    }
}
