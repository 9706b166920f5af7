use crate::check::{Compliance, tf_bad, tf_good};
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
        provider: "aws",
        service: "rds",
        formats: [Terraform],
        compliance: Compliance {
            cis_aws: &["2.3.3"],
            nist_800_53: &["SC-7", "AC-3"],
            iso_27001: &["A.8.20", "A.8.22"],
            soc2: &["CC6.6"],
        },
        aliases: ["CKV_AWS_17", "AVD-AWS-0082", "AVD-AWS-0180", "aws-rds-no-public-db-access"],
        remediation: "Set `publicly_accessible = false` and place the instance in private subnets.",
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
        }
    }
}
