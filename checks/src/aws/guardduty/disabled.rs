use crate::check::{cfn_bad, cfn_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags a GuardDuty detector declared disabled: `enable = false` on `aws_guardduty_detector`
    /// (the default is `true`), CloudFormation `Enable: false` on `AWS::GuardDuty::Detector` (a
    /// required property).
    ///
    /// A disabled detector analyses nothing: CloudTrail, VPC flow log, DNS and runtime signals of
    /// compromised credentials, crypto-mining and exfiltration raise no finding.
    pub static CHECK = {
        id: "aws-guardduty-disabled",
        title: "GuardDuty detector is disabled",
        severity: High,
        risk_score: 7.0,
        provider: Aws,
        service: "guardduty",
        formats: [Terraform, CloudFormation],
        status: Preview,
        compliance: {
            NIST_800_53: ["SI-4", "RA-5"],
            ISO_27001: ["A.8.16"],
            SOC2: ["CC7.2"],
        },
        aliases: ["CKV_AWS_238"],
        remediation: "Set `enable = true` (CloudFormation: `Enable: true`).",
        references: ["https://docs.aws.amazon.com/guardduty/latest/APIReference/API_CreateDetector.html", "https://docs.aws.amazon.com/guardduty/latest/ug/guardduty_suspend-disable.html"],
        examples: [
            tf_bad("Disabled through a variable", r#"
variable "guardduty_enabled" {
  default = false
}

resource "aws_guardduty_detector" "main" {
  enable = var.guardduty_enabled
}
"#),
            tf_good("Enabled by default", r#"
resource "aws_guardduty_detector" "main" {
  finding_publishing_frequency = "FIFTEEN_MINUTES"
}
"#),
            cfn_bad("Disabled through a condition", r#"
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Stage:
    Type: String
    Default: dev
Conditions:
  IsProd: !Equals [!Ref Stage, prod]
Resources:
  Detector:
    Type: AWS::GuardDuty::Detector
    Properties:
      Enable: !If [IsProd, true, false]
"#),
            cfn_good("Enabled", r#"
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Detector:
    Type: AWS::GuardDuty::Detector
    Properties:
      Enable: true
      FindingPublishingFrequency: FIFTEEN_MINUTES
"#),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for d in &state.aws.guardduty.detectors {
        let v = &d.enabled;
        if v.is_false() {
            report.add(&d.resource, &v.meta, "The detector is disabled");
        } else if v.is_true() {
            report.pass(&d.resource);
        }
    }
}
