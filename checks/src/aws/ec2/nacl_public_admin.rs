use crate::check::{cfn_bad, cfn_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;
use cloudsentinel_model::aws::ec2::NaclRule;
use cloudsentinel_model::net::PUBLIC_RANGES;

declare_check! {
    /// Flags a network ACL rule that allows ingress from `0.0.0.0/0` or `::/0` to port 22
    /// (SSH) or 3389 (RDP), over TCP or all protocols.
    ///
    /// Network ACLs are the subnet-level backstop behind security groups; opening admin
    /// ports there removes that second layer.
    pub static CHECK = {
        id: "aws-ec2-nacl-public-admin",
        title: "Network ACL allows admin ports from the internet",
        severity: Medium,
        risk_score: 5.5,
        provider: Aws,
        service: "ec2",
        formats: [Terraform, CloudFormation],
        compliance: {
            CIS_AWS: ["5.1"],
            NIST_800_53: ["SC-7", "AC-17"],
            ISO_27001: ["A.8.20", "A.8.22"],
            SOC2: ["CC6.6"],
        },
        aliases: ["CKV_AWS_231", "CKV_AWS_232", "AVD-AWS-0105", "aws-ec2-no-public-ingress-acl"],
        remediation: "Deny 22 and 3389 from 0.0.0.0/0 in the network ACL, or allow them only from administration ranges.",
        references: ["https://docs.aws.amazon.com/vpc/latest/userguide/vpc-network-acls.html"],
        examples: [
            tf_bad("An inline rule allowing SSH from anywhere", r#"
resource "aws_network_acl" "public" {
  vpc_id = "vpc-0123456789abcdef0"
  ingress {
    rule_no    = 100
    action     = "allow"
    protocol   = "tcp"
    cidr_block = "0.0.0.0/0"
    from_port  = 22
    to_port    = 22
  }
}
"#),
            tf_bad("A separate entry allowing every protocol", r#"
resource "aws_network_acl" "public" {
  vpc_id = "vpc-0123456789abcdef0"
}

resource "aws_network_acl_rule" "all" {
  network_acl_id = aws_network_acl.public.id
  rule_number    = 100
  egress         = false
  protocol       = "-1"
  rule_action    = "allow"
  cidr_block     = "0.0.0.0/0"
}
"#),
            tf_good("HTTPS only", r#"
resource "aws_network_acl" "public" {
  vpc_id = "vpc-0123456789abcdef0"
  ingress {
    rule_no    = 100
    action     = "allow"
    protocol   = "tcp"
    cidr_block = "0.0.0.0/0"
    from_port  = 443
    to_port    = 443
  }
}
"#),
            cfn_bad("An entry joined to its ACL by !Ref allows SSH from anywhere", r#"
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  VpcId:
    Type: AWS::EC2::VPC::Id
    Default: vpc-0123456789abcdef0
Resources:
  Public:
    Type: AWS::EC2::NetworkAcl
    Properties:
      VpcId: !Ref VpcId
  SshIn:
    Type: AWS::EC2::NetworkAclEntry
    Properties:
      NetworkAclId: !Ref Public
      RuleNumber: 100
      Protocol: 6
      RuleAction: allow
      Egress: false
      CidrBlock: 0.0.0.0/0
      PortRange:
        From: 22
        To: 22
"#),
            cfn_bad("An entry allowing every protocol", r#"
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Public:
    Type: AWS::EC2::NetworkAcl
    Properties:
      VpcId: vpc-0123456789abcdef0
  AllIn:
    Type: AWS::EC2::NetworkAclEntry
    Properties:
      NetworkAclId: !Ref Public
      RuleNumber: 100
      Protocol: -1
      RuleAction: allow
      CidrBlock: 0.0.0.0/0
"#),
            cfn_good("HTTPS only", r#"
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Public:
    Type: AWS::EC2::NetworkAcl
    Properties:
      VpcId: vpc-0123456789abcdef0
  HttpsIn:
    Type: AWS::EC2::NetworkAclEntry
    Properties:
      NetworkAclId: !Ref Public
      RuleNumber: 100
      Protocol: 6
      RuleAction: allow
      CidrBlock: 0.0.0.0/0
      PortRange:
        From: 443
        To: 443
"#),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for acl in &state.aws.ec2.network_acls {
        let mut failed = false;
        for rule in &acl.rules {
            let ports: Vec<&str> = [(22, "22"), (3389, "3389")]
                .iter()
                .filter(|(p, _)| rule.allows_public_ingress_to(*p))
                .map(|(_, s)| *s)
                .collect();
            if !ports.is_empty() {
                failed = true;
                report.add(
                    &acl.resource,
                    &rule.cidr.meta,
                    format!(
                        "Network ACL allows {} to port {}",
                        rule.cidr.as_str().unwrap_or_default(),
                        ports.join(" and ")
                    ),
                );
            }
        }
        if !failed && acl.rules.iter().all(admits_no_public_admin) {
            report.pass(&acl.resource);
        }
    }
}

/// True when `rule` is known not to admit the internet to SSH or RDP: a rule that does not
/// match only because one of its values is Unknown decides nothing.
fn admits_no_public_admin(rule: &NaclRule) -> bool {
    let known_ports = rule.from_port.known().is_some() && rule.to_port.known().is_some();
    rule.egress.is_true()
        || rule.action.is(|a| !a.eq_ignore_ascii_case("allow"))
        || rule.cidr.is(|c| !PUBLIC_RANGES.contains(&c.as_str()))
        || (rule.egress.is_false()
            && rule.action.known().is_some()
            && rule.cidr.known().is_some()
            && rule.protocol.known().is_some()
            && known_ports
            && ![22, 3389].iter().any(|p| rule.allows_public_ingress_to(*p)))
}
