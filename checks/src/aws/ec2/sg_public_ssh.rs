use crate::aws::ec2::public_ingress;
use crate::check::{cfn_bad, cfn_good, cfn_json_bad, cfn_json_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags a security group ingress rule that admits `0.0.0.0/0` or `::/0` to a port
    /// range including 22, over TCP or all protocols. Inline rules,
    /// `aws_security_group_rule`, `aws_vpc_security_group_ingress_rule` and CloudFormation's
    /// `AWS::EC2::SecurityGroupIngress` all count. Ranges that together are the whole
    /// internet (`0.0.0.0/1` and `128.0.0.0/1`, in one rule or in several rules of the group
    /// that all admit SSH) count as `0.0.0.0/0`.
    ///
    /// SSH open to the internet is scanned within minutes of launch and brute-forced; a
    /// single weak key or unpatched daemon then gives a shell.
    ///
    /// A rule open on all protocols or on every port 0–65535 is reported once, by
    /// `aws-ec2-sg-public-all-ports`, whose message names SSH among what it opens: this
    /// check neither reports it nor passes its group.
    pub static CHECK = {
        id: "aws-ec2-sg-public-ssh",
        title: "Security group allows SSH from the internet",
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
        aliases: ["CKV_AWS_24", "AVD-AWS-0107", "aws-ec2-no-public-ingress-sgr", "cfn_nag:W2"],
        remediation: "Restrict the rule's source to your administration network, or reach instances through Systems Manager Session Manager instead of SSH.",
        references: ["https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html"],
        examples: [
            tf_bad("An inline rule open to the world", r#"
resource "aws_security_group" "bastion" {
  name = "bastion"
  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}
"#),
            tf_bad("A separate rule whose range includes 22, from a variable default", r#"
variable "admin_cidrs" {
  default = ["::/0"]
}

resource "aws_security_group" "admin" {
  name = "admin"
}

resource "aws_security_group_rule" "admin" {
  type              = "ingress"
  security_group_id = aws_security_group.admin.id
  from_port         = 20
  to_port           = 30
  protocol          = "tcp"
  ipv6_cidr_blocks  = var.admin_cidrs
}
"#),
            tf_bad("The internet split into two halves", r#"
resource "aws_security_group" "bastion" {
  name = "bastion"
  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/1", "128.0.0.0/1"]
  }
}
"#),
            tf_good("SSH from a private range", r#"
resource "aws_security_group" "bastion" {
  name = "bastion"
  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["10.0.0.0/8"]
  }
}
"#),
            tf_good("Sources from a variable without a value are not guessed", r#"
variable "admin_cidrs" {
  type = list(string)
}

resource "aws_vpc_security_group_ingress_rule" "ssh" {
  security_group_id = "sg-0123456789abcdef0"
  from_port         = 22
  to_port           = 22
  ip_protocol       = "tcp"
  cidr_ipv4         = var.admin_cidrs[0]
}
"#),
            cfn_bad("An inline rule open to the world", r#"
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Bastion:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: bastion
      SecurityGroupIngress:
        - IpProtocol: tcp
          FromPort: 22
          ToPort: 22
          CidrIp: 0.0.0.0/0
"#),
            cfn_bad("A separate ingress resource joined by !GetAtt, range including 22, source from a parameter default", r#"
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  AdminCidr:
    Type: String
    Default: ::/0
Resources:
  Admin:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: admin
  AdminIngress:
    Type: AWS::EC2::SecurityGroupIngress
    Properties:
      GroupId: !GetAtt Admin.GroupId
      IpProtocol: tcp
      FromPort: 20
      ToPort: 30
      CidrIpv6: !Ref AdminCidr
"#),
            cfn_bad("The internet split across two rules of the group", r"
Resources:
  Bastion:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: bastion
      SecurityGroupIngress:
        - IpProtocol: tcp
          FromPort: 22
          ToPort: 22
          CidrIp: 0.0.0.0/1
        - IpProtocol: tcp
          FromPort: 22
          ToPort: 22
          CidrIp: 128.0.0.0/1
"),
            cfn_good("Half of the internet on SSH, the other half only on HTTPS", r"
Resources:
  Bastion:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: bastion
      SecurityGroupIngress:
        - IpProtocol: tcp
          FromPort: 22
          ToPort: 22
          CidrIp: 10.0.0.0/8
        - IpProtocol: tcp
          FromPort: 443
          ToPort: 443
          CidrIp: 0.0.0.0/1
        - IpProtocol: tcp
          FromPort: 443
          ToPort: 443
          CidrIp: 128.0.0.0/1
"),
            cfn_good("SSH from a private range", r#"
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Bastion:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: bastion
      SecurityGroupIngress:
        - IpProtocol: tcp
          FromPort: 22
          ToPort: 22
          CidrIp: 10.0.0.0/8
"#),
            cfn_good("A source from a parameter without a default is not guessed", r#"
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  AdminCidr:
    Type: String
Resources:
  SshIngress:
    Type: AWS::EC2::SecurityGroupIngress
    Properties:
      GroupId: sg-0123456789abcdef0
      IpProtocol: tcp
      FromPort: 22
      ToPort: 22
      CidrIp: !Ref AdminCidr
"#),
            cfn_good("A rule open on all protocols is reported by aws-ec2-sg-public-all-ports instead", r#"
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Open:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: open
      SecurityGroupIngress:
        - IpProtocol: -1
          CidrIp: 0.0.0.0/0
"#),
            cfn_json_bad("An inline rule open to the world, in JSON", r#"
{
  "AWSTemplateFormatVersion": "2010-09-09",
  "Resources": {
    "Bastion": {
      "Type": "AWS::EC2::SecurityGroup",
      "Properties": {
        "GroupDescription": "bastion",
        "SecurityGroupIngress": [
          { "IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "CidrIp": "0.0.0.0/0" }
        ]
      }
    }
  }
}
"#),
            cfn_json_good("SSH only from the security group of a VPN endpoint", r#"
{
  "AWSTemplateFormatVersion": "2010-09-09",
  "Resources": {
    "Vpn": {
      "Type": "AWS::EC2::SecurityGroup",
      "Properties": { "GroupDescription": "vpn" }
    },
    "Bastion": {
      "Type": "AWS::EC2::SecurityGroup",
      "Properties": {
        "GroupDescription": "bastion",
        "SecurityGroupIngress": [
          {
            "IpProtocol": "tcp",
            "FromPort": 22,
            "ToPort": 22,
            "SourceSecurityGroupId": { "Fn::GetAtt": ["Vpn", "GroupId"] }
          }
        ]
      }
    }
  }
}
"#),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    public_ingress(state, report, |r| r.covers_tcp_port(22), "SSH (port 22)");
}

#[cfg(test)]
mod tests {
    use super::CHECK;
    use cloudsentinel_model::aws::ec2::{SecurityGroup, SgRule};
    use cloudsentinel_model::{Meta, Origin, ResourceMeta, State, Value};

    fn group(cidr: Value<String>, rules_incomplete: bool) -> State {
        let o = Origin::None;
        let mut s = State::default();
        s.aws.ec2.security_groups.push(SecurityGroup {
            resource: ResourceMeta::new(
                cloudsentinel_model::Provider::Aws,
                "aws_security_group.bastion",
                o.clone(),
            ),
            name: Value::explicit("bastion".into(), o.clone()),
            is_default: false,
            ingress: vec![SgRule {
                meta: Meta::explicit(o.clone()),
                protocol: Value::explicit("tcp".into(), o.clone()),
                from_port: Value::explicit(22, o.clone()),
                to_port: Value::explicit(22, o),
                cidrs: vec![cidr],
            }],
            egress: Vec::new(),
            rules_incomplete,
        });
        s
    }

    #[test]
    fn an_unknown_source_is_neither_passed_nor_failed() {
        let run = |s: &State| crate::run_checks_with_passes(s, &[&CHECK]);
        let (f, p) = run(&group(Value::unknown(Origin::None), false));
        assert!(f.is_empty() && p.is_empty(), "{f:#?} {p:#?}");
        let private = || Value::explicit("10.0.0.0/8".to_string(), Origin::None);
        let (f, p) = run(&group(private(), false));
        assert_eq!((f.len(), p.len()), (0, 1));
        // Rules that could not be evaluated may open port 22: no verdict.
        let (f, p) = run(&group(private(), true));
        assert!(f.is_empty() && p.is_empty(), "{f:#?} {p:#?}");
        let (f, p) = run(&group(
            Value::explicit("0.0.0.0/0".into(), Origin::None),
            false,
        ));
        assert_eq!((f.len(), p.len()), (1, 0));
    }
}
