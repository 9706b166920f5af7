use crate::check::{tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags an AMI made public: `aws_ami_launch_permission` with `group = "all"`. A launch
    /// permission for an account, organization or organizational unit (`account_id`,
    /// `organization_arn`, `organizational_unit_arn`) is not public. CloudFormation has no resource
    /// type for AMI launch permissions, so the check claims Terraform only.
    ///
    /// Anyone can launch a public AMI and read everything on its snapshots: baked-in credentials,
    /// keys, source code and configuration of your environment.
    pub static CHECK = {
        id: "aws-ec2-public-ami",
        title: "AMI is shared publicly",
        severity: High,
        risk_score: 8.0,
        provider: Aws,
        service: "ec2",
        formats: [Terraform],
        status: Preview,
        compliance: {
            NIST_800_53: ["AC-3", "AC-21"],
            ISO_27001: ["A.8.3"],
            SOC2: ["CC6.1"],
        },
        aliases: [],
        remediation: "Remove the permission with `group = \"all\"` and share the AMI with the accounts, organization or organizational units that need it; turn on block public access for AMIs in the account.",
        references: ["https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/sharingamis-intro.html", "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/block-public-access-to-amis.html"],
        examples: [
            tf_bad("Public through a variable", r#"
variable "share_group" {
  default = "all"
}

resource "aws_ami_launch_permission" "golden" {
  image_id = "ami-0123456789abcdef0"
  group    = var.share_group
}
"#),
            tf_good("Shared with one account", r#"
resource "aws_ami_launch_permission" "golden" {
  image_id   = "ami-0123456789abcdef0"
  account_id = "444455556666"
}
"#),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for p in &state.aws.ec2.ami_launch_permissions {
        let v = &p.group;
        if v.eq_ignore_case("all") {
            report.add(
                &p.resource,
                &v.meta,
                "The AMI can be launched by every AWS account",
            );
        } else if !v.is_unknown() {
            report.pass(&p.resource);
        }
    }
}
