use crate::check::{cfn_bad, cfn_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags a DMS replication instance that is publicly accessible (`publicly_accessible`:
    /// false by default in the Terraform provider; `PubliclyAccessible`: true by default in the API
    /// and CloudFormation).
    ///
    /// A replication instance holds credentials to source and target databases and streams their
    /// data; a public address exposes it to the internet.
    pub static CHECK = {
        id: "aws-dms-public-instance",
        title: "DMS replication instance is publicly accessible",
        severity: High,
        risk_score: 7.5,
        provider: Aws,
        service: "dms",
        formats: [Terraform, CloudFormation],
        status: Preview,
        compliance: {
            NIST_800_53: ["SC-7", "AC-3"],
            ISO_27001: ["A.8.20", "A.8.22"],
            SOC2: ["CC6.6"],
        },
        aliases: ["CKV_AWS_89"],
        remediation: "Set `publicly_accessible = false` (CloudFormation: `PubliclyAccessible: false`) and reach the endpoints through the VPC.",
        references: ["https://docs.aws.amazon.com/dms/latest/userguide/CHAP_ReplicationInstance.PublicPrivate.html"],
        examples: [
            tf_bad("Public through a variable's default", r#"
variable "public" {
  default = true
}

resource "aws_dms_replication_instance" "migration" {
  replication_instance_id    = "migration"
  replication_instance_class = "dms.t3.medium"
  publicly_accessible        = var.public
}
"#),
            tf_good("Private by default", r#"
resource "aws_dms_replication_instance" "migration" {
  replication_instance_id    = "migration"
  replication_instance_class = "dms.t3.medium"
}
"#),
            cfn_bad("Public by default, the class from a parameter", r#"
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  InstanceClass:
    Type: String
    Default: dms.t3.medium
Resources:
  Migration:
    Type: AWS::DMS::ReplicationInstance
    Properties:
      ReplicationInstanceClass: !Ref InstanceClass
"#),
            cfn_good("Private", r#"
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Migration:
    Type: AWS::DMS::ReplicationInstance
    Properties:
      ReplicationInstanceClass: dms.t3.medium
      PubliclyAccessible: false
"#),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for r in &state.aws.dms.replication_instances {
        let v = &r.publicly_accessible;
        if v.is_true() {
            report.add(
                &r.resource,
                &v.meta,
                "The replication instance is publicly accessible",
            );
        } else if v.is_false() {
            report.pass(&r.resource);
        }
    }
}
