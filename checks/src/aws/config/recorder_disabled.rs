use crate::check::{tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags an AWS Config configuration recorder declared stopped:
    /// `aws_config_configuration_recorder_status` with `is_enabled = false`. CloudFormation has no
    /// resource type or property that starts or stops a recorder, so the check claims Terraform
    /// only.
    ///
    /// A stopped recorder records no configuration changes: the resource history, Config rules and
    /// conformance packs that audits and incident investigations rely on go blind.
    pub static CHECK = {
        id: "aws-config-recorder-disabled",
        title: "AWS Config recorder is not recording",
        severity: Medium,
        risk_score: 5.5,
        provider: Aws,
        service: "config",
        formats: [Terraform],
        status: Preview,
        compliance: {
            CIS_AWS: ["3.3"],
            NIST_800_53: ["CM-8", "AU-12"],
            ISO_27001: ["A.8.9"],
            SOC2: ["CC7.1"],
        },
        aliases: [],
        remediation: "Set `is_enabled = true`.",
        references: ["https://docs.aws.amazon.com/config/latest/developerguide/stop-start-recorder.html", "https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/config_configuration_recorder_status"],
        examples: [
            tf_bad("Stopped through a variable", r#"
variable "recording" {
  default = false
}

resource "aws_config_configuration_recorder" "main" {
  name     = "default"
  role_arn = "arn:aws:iam::111122223333:role/config"
}

resource "aws_config_configuration_recorder_status" "main" {
  name       = aws_config_configuration_recorder.main.name
  is_enabled = var.recording
}
"#),
            tf_good("Recording", r#"
resource "aws_config_configuration_recorder" "main" {
  name     = "default"
  role_arn = "arn:aws:iam::111122223333:role/config"
}

resource "aws_config_configuration_recorder_status" "main" {
  name       = aws_config_configuration_recorder.main.name
  is_enabled = true
}
"#),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for r in &state.aws.config.recorder_statuses {
        let v = &r.enabled;
        if v.is_false() {
            report.add(
                &r.resource,
                &v.meta,
                "The configuration recorder is stopped",
            );
        } else if v.is_true() {
            report.pass(&r.resource);
        }
    }
}
