use crate::check::{Fix, Format, cfn_bad, cfn_good, cfn_json_bad, cfn_json_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags a symmetric customer-managed KMS key with automatic rotation off (the
    /// default). Asymmetric and HMAC keys cannot rotate automatically and are not flagged.
    ///
    /// Rotation limits how much data one key version protects and how long a leaked key
    /// stays useful.
    ///
    /// Rotation declared on an asymmetric or HMAC key (`enable_key_rotation = true`,
    /// `EnableKeyRotation: true`) is not reported either: AWS rejects it
    /// (`UnsupportedOperationException`), so the deployment fails before any key exists. That
    /// is an error the first apply shows, not a risk in what would run, so the check gives
    /// such a key no verdict.
    pub static CHECK = {
        id: "aws-kms-no-rotation",
        title: "KMS key rotation is off",
        severity: Medium,
        risk_score: 4.5,
        provider: Aws,
        service: "kms",
        formats: [Terraform, CloudFormation],
        compliance: {
            CIS_AWS: ["3.6"],
            NIST_800_53: ["SC-12"],
            ISO_27001: ["A.8.24"],
            SOC2: ["CC6.1"],
        },
        aliases: ["CKV_AWS_7", "AVD-AWS-0065", "aws-kms-auto-rotate-keys", "cfn_nag:F19"],
        remediation: "Set `enable_key_rotation = true`. In CloudFormation: `EnableKeyRotation: true`.",
        references: ["https://docs.aws.amazon.com/kms/latest/developerguide/rotate-keys.html"],
        examples: [
            tf_bad("Rotation off for one key of a for_each", include_str!("no_rotation/bad_rotation_off_for_one_key_of_a_for_each.tf")),
            tf_bad("Rotation omitted", include_str!("no_rotation/bad_rotation_omitted.tf")),
            tf_good("Rotation on", include_str!("no_rotation/good_rotation_on.tf")),
            tf_good("An asymmetric signing key cannot rotate", include_str!("no_rotation/good_an_asymmetric_signing_key_cannot_rotate.tf")),
            tf_good("Rotation declared on an asymmetric key is not this check's concern", include_str!("no_rotation/good_rotation_declared_on_an_asymmetric_key_is_not_this_checks_concern.tf")),
            cfn_bad("Rotation turned off by a parameter default", include_str!("no_rotation/bad_rotation_turned_off_by_a_parameter_default.yaml")),
            cfn_bad("Rotation omitted", include_str!("no_rotation/bad_rotation_omitted.yaml")),
            cfn_good("Rotation on", include_str!("no_rotation/good_rotation_on.yaml")),
            cfn_good("An asymmetric signing key cannot rotate", include_str!("no_rotation/good_an_asymmetric_signing_key_cannot_rotate.yaml")),
            cfn_json_bad("Rotation off for the key of one environment, chosen through a mapping", r#"
{
  "AWSTemplateFormatVersion": "2010-09-09",
  "Parameters": {
    "Environment": { "Type": "String", "Default": "dev" }
  },
  "Mappings": {
    "Keys": {
      "dev": { "Rotate": "false" },
      "prod": { "Rotate": "true" }
    }
  },
  "Resources": {
    "Data": {
      "Type": "AWS::KMS::Key",
      "Properties": {
        "Description": "data",
        "EnableKeyRotation": { "Fn::FindInMap": ["Keys", { "Ref": "Environment" }, "Rotate"] }
      }
    }
  }
}
"#),
            cfn_json_good("Rotation on, in JSON", r#"
{
  "AWSTemplateFormatVersion": "2010-09-09",
  "Resources": {
    "Data": {
      "Type": "AWS::KMS::Key",
      "Properties": {
        "Description": "data",
        "EnableKeyRotation": true
      }
    }
  }
}
"#),
        ],
        fixes: [
            Fix::set(Format::Terraform, &["enable_key_rotation"], "true"),
            Fix::set(Format::CloudFormation, &["EnableKeyRotation"], "true"),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for k in &state.aws.kms.keys {
        // AWS-managed keys and asymmetric or HMAC keys cannot have automatic rotation
        // turned on by the user: the check does not apply to them.
        if !(k.customer_managed.is_true() && k.key_spec.eq_ignore_case("SYMMETRIC_DEFAULT")) {
            continue;
        }
        if k.rotation_enabled.is_false() {
            report.add(
                &k.resource,
                &k.rotation_enabled.meta,
                "Automatic rotation of this key is off",
            );
        } else if k.rotation_enabled.is_true() {
            report.pass(&k.resource);
        }
    }
}
