use crate::check::{tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags the account's EBS encryption by default turned off: `aws_ebs_encryption_by_default`
    /// with `enabled = false` (the resource's default is `true`). CloudFormation has no resource
    /// type for this account setting, so the check claims Terraform only.
    ///
    /// With it off, every volume and snapshot copy created without an explicit `encrypted = true`
    /// (by an autoscaling group, a console user, a tool) is stored unencrypted.
    pub static CHECK = {
        id: "aws-ec2-ebs-default-encryption-off",
        title: "EBS encryption by default is turned off",
        severity: Medium,
        risk_score: 5.0,
        provider: Aws,
        service: "ec2",
        formats: [Terraform],
        status: Preview,
        compliance: {
            CIS_AWS: ["2.2.1"],
            NIST_800_53: ["SC-28"],
            ISO_27001: ["A.8.24"],
            SOC2: ["CC6.1"],
        },
        aliases: ["CKV_AWS_106"],
        remediation: "Set `enabled = true` (or remove the attribute).",
        references: ["https://docs.aws.amazon.com/ebs/latest/userguide/encryption-by-default.html"],
        examples: [
            tf_bad("Off through a variable", r#"
variable "ebs_encryption" {
  default = false
}

resource "aws_ebs_encryption_by_default" "account" {
  enabled = var.ebs_encryption
}
"#),
            tf_good("On by the resource's default", r#"
resource "aws_ebs_encryption_by_default" "account" {}
"#),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for e in &state.aws.ec2.ebs_encryption_defaults {
        let v = &e.enabled;
        if v.is_false() {
            report.add(
                &e.resource,
                &v.meta,
                "New EBS volumes are not encrypted by default",
            );
        } else if v.is_true() {
            report.pass(&e.resource);
        }
    }
}
