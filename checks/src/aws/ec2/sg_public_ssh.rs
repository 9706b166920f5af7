use crate::aws::ec2::public_ingress;
use crate::check::{Compliance, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags a security group ingress rule that admits `0.0.0.0/0` or `::/0` to a port
    /// range including 22, over TCP or all protocols. Inline rules,
    /// `aws_security_group_rule` and `aws_vpc_security_group_ingress_rule` all count.
    ///
    /// SSH open to the internet is scanned within minutes of launch and brute-forced; a
    /// single weak key or unpatched daemon then gives a shell.
    pub static CHECK = {
        id: "aws-ec2-sg-public-ssh",
        title: "Security group allows SSH from the internet",
        severity: High,
        risk_score: 8.0,
        provider: "aws",
        service: "ec2",
        formats: [Terraform],
        compliance: Compliance {
            cis_aws: &["5.2", "5.3"],
            nist_800_53: &["AC-17", "SC-7"],
            iso_27001: &["A.8.20", "A.8.22"],
            soc2: &["CC6.6"],
        },
        aliases: ["CKV_AWS_24", "AVD-AWS-0107", "aws-ec2-no-public-ingress-sgr"],
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
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    public_ingress(state, report, |r| r.covers_tcp_port(22), "SSH (port 22)");
}
