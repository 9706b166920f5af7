use crate::aws::ec2::{DATABASE_PORTS, reported_as_all_ports};
use crate::check::{cfn_bad, cfn_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;
use cloudsentinel_model::aws::ec2::SgRule;

declare_check! {
    /// Flags a security group ingress rule that admits `0.0.0.0/0` or `::/0` to a database
    /// port: 1433 (SQL Server), 1521 (Oracle), 3306 (MySQL), 5432 (PostgreSQL),
    /// 6379 (Redis), 9200 (Elasticsearch), 11211 (Memcached) or 27017 (MongoDB).
    ///
    /// Databases reachable from the internet are found by scanners within hours and are the
    /// source of many mass data leaks.
    ///
    /// A rule open on all protocols or on every port 0–65535 is reported once, by
    /// `aws-ec2-sg-public-all-ports`, whose message names the database ports among what it opens: this
    /// check neither reports it nor passes its group.
    pub static CHECK = {
        id: "aws-ec2-sg-public-database",
        title: "Security group exposes a database port to the internet",
        severity: High,
        risk_score: 8.0,
        provider: Aws,
        service: "ec2",
        formats: [Terraform, CloudFormation],
        compliance: {
            NIST_800_53: ["SC-7", "AC-4"],
            ISO_27001: ["A.8.20", "A.8.22"],
            SOC2: ["CC6.6"],
        },
        aliases: ["cfn_nag:W2"],
        remediation: "Keep databases in private subnets and admit only the application's security group.",
        references: ["https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html"],
        examples: [
            tf_bad("A port list from a local, one of them open to the world", r#"
locals {
  ingress = {
    https = { port = 443, cidrs = ["0.0.0.0/0"] }
    mysql = { port = 3306, cidrs = ["0.0.0.0/0"] }
  }
}

resource "aws_security_group" "app" {
  name = "app"
}

resource "aws_vpc_security_group_ingress_rule" "app" {
  for_each          = local.ingress
  security_group_id = aws_security_group.app.id
  from_port         = each.value.port
  to_port           = each.value.port
  ip_protocol       = "tcp"
  cidr_ipv4         = each.value.cidrs[0]
}
"#),
            tf_bad("PostgreSQL open to the world", r#"
resource "aws_security_group" "db" {
  name = "db"
  ingress {
    from_port   = 5432
    to_port     = 5432
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}
"#),
            tf_good("PostgreSQL from the VPC only", r#"
resource "aws_security_group" "db" {
  name = "db"
  ingress {
    from_port   = 5432
    to_port     = 5432
    protocol    = "tcp"
    cidr_blocks = ["10.0.0.0/16"]
  }
}
"#),
            cfn_bad("The port from a mapping keyed by the engine parameter", r#"
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Engine:
    Type: String
    Default: mysql
    AllowedValues: [mysql, postgres]
Mappings:
  EnginePorts:
    mysql:
      Port: 3306
    postgres:
      Port: 5432
Resources:
  Db:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: database
      SecurityGroupIngress:
        - IpProtocol: tcp
          FromPort: !FindInMap [EnginePorts, !Ref Engine, Port]
          ToPort: !FindInMap [EnginePorts, !Ref Engine, Port]
          CidrIp: 0.0.0.0/0
"#),
            cfn_bad("PostgreSQL open to the world", r#"
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Db:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: database
      SecurityGroupIngress:
        - IpProtocol: tcp
          FromPort: 5432
          ToPort: 5432
          CidrIp: 0.0.0.0/0
"#),
            cfn_good("PostgreSQL from the VPC only", r#"
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Db:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: database
      SecurityGroupIngress:
        - IpProtocol: tcp
          FromPort: 5432
          ToPort: 5432
          CidrIp: 10.0.0.0/16
"#),
            cfn_good("PostgreSQL from the application's security group", r#"
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  App:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: app
  Db:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: database
  DbFromApp:
    Type: AWS::EC2::SecurityGroupIngress
    Properties:
      GroupId: !Ref Db
      IpProtocol: tcp
      FromPort: 5432
      ToPort: 5432
      SourceSecurityGroupId: !GetAtt App.GroupId
"#),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    let database_port = |rule: &SgRule| DATABASE_PORTS.iter().any(|p| rule.covers_tcp_port(*p));
    for group in &state.aws.ec2.security_groups {
        let mut failed = false;
        for rule in &group.ingress {
            let ports: Vec<String> = DATABASE_PORTS
                .iter()
                .filter(|p| rule.covers_tcp_port(**p))
                .map(std::string::ToString::to_string)
                .collect();
            if ports.is_empty() || reported_as_all_ports(rule) {
                continue;
            }
            if let Some(source) = rule.public_source() {
                failed = true;
                report.add(
                    &group.resource,
                    &source.at.meta,
                    format!(
                        "Ingress rule admits {} to database port{} {}",
                        source.describe,
                        if ports.len() == 1 { "" } else { "s" },
                        ports.join(", ")
                    ),
                );
            }
        }
        if !failed && super::ingress_decided(group, database_port) {
            report.pass(&group.resource);
        }
    }
}
