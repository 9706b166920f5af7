use crate::check::{tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags an account's EMR block public access setting turned off:
    /// `aws_emr_block_public_access_configuration` with `block_public_security_group_rules =
    /// false`. EMR enables block public access in every account and region by default; this
    /// resource is how Terraform turns it off. CloudFormation has no resource type for it, so the
    /// check claims Terraform only.
    ///
    /// With it off, clusters can be launched with security groups that accept traffic from
    /// anywhere on any port, exposing the master node's web interfaces and SSH to the internet.
    pub static CHECK = {
        id: "aws-emr-block-public-access-disabled",
        title: "EMR block public access is disabled",
        severity: High,
        risk_score: 7.0,
        provider: Aws,
        service: "emr",
        formats: [Terraform],
        status: Preview,
        compliance: {
            NIST_800_53: ["SC-7", "AC-3"],
            ISO_27001: ["A.8.20"],
            SOC2: ["CC6.6"],
        },
        aliases: ["CKV_AWS_390"],
        remediation: "Set `block_public_security_group_rules = true`, allowing only the ports that must be public with `permitted_public_security_group_rule_range` (port 22 by default).",
        references: ["https://docs.aws.amazon.com/emr/latest/ManagementGuide/emr-block-public-access.html"],
        examples: [
            tf_bad("Turned off through a variable", r#"
variable "block_public" {
  default = false
}

resource "aws_emr_block_public_access_configuration" "account" {
  block_public_security_group_rules = var.block_public
}
"#),
            tf_good("On, SSH permitted", r#"
resource "aws_emr_block_public_access_configuration" "account" {
  block_public_security_group_rules = true

  permitted_public_security_group_rule_range {
    min_range = 22
    max_range = 22
  }
}
"#),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for b in &state.aws.emr.block_public_access {
        let v = &b.enabled;
        if v.is_false() {
            report.add(
                &b.resource,
                &v.meta,
                "Block public access for EMR clusters is turned off",
            );
        } else if v.is_true() {
            report.pass(&b.resource);
        }
    }
}
