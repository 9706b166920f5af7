use crate::check::{dm_bad, dm_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;
use cloudsentinel_model::google::kms::MAX_ROTATION_PERIOD_SECONDS;

declare_check! {
    /// Flags a symmetric Cloud KMS crypto key (purpose `ENCRYPT_DECRYPT`, the default) with
    /// no `rotation_period`, or one longer than 90 days. Asymmetric and MAC keys cannot
    /// rotate automatically and are not flagged.
    ///
    /// Rotation limits how much data one key version protects and how long a compromised
    /// version stays useful.
    pub static CHECK = {
        id: "gcp-kms-no-rotation",
        title: "Cloud KMS key does not rotate within 90 days",
        severity: Medium,
        risk_score: 4.5,
        provider: Google,
        service: "kms",
        formats: [Terraform, DeploymentManager],
        compliance: {
            CIS_GCP: ["1.10"],
            NIST_800_53: ["SC-12"],
            ISO_27001: ["A.8.24"],
            SOC2: ["CC6.1"],
        },
        aliases: ["CKV_GCP_43", "AVD-GCP-0065", "google-kms-rotate-kms-keys"],
        remediation: "Set `rotation_period = \"7776000s\"` (90 days) or shorter.",
        references: ["https://cloud.google.com/kms/docs/key-rotation"],
        examples: [
            tf_bad("No rotation period", r#"
resource "google_kms_key_ring" "app" {
  name     = "app"
  location = "europe-west1"
}

resource "google_kms_crypto_key" "data" {
  name     = "data"
  key_ring = google_kms_key_ring.app.id
}
"#),
            tf_bad("A yearly rotation from a variable's default", r#"
variable "rotation_period" {
  default = "31536000s"
}

resource "google_kms_crypto_key" "data" {
  name            = "data"
  key_ring        = "projects/example/locations/europe-west1/keyRings/app"
  rotation_period = var.rotation_period
}
"#),
            tf_good("Rotation every 90 days", r#"
resource "google_kms_crypto_key" "data" {
  name            = "data"
  key_ring        = "projects/example/locations/europe-west1/keyRings/app"
  rotation_period = "7776000s"
}
"#),
            tf_good("An asymmetric signing key cannot rotate automatically", r#"
resource "google_kms_crypto_key" "signing" {
  name     = "signing"
  key_ring = "projects/example/locations/europe-west1/keyRings/app"
  purpose  = "ASYMMETRIC_SIGN"

  version_template {
    algorithm = "EC_SIGN_P256_SHA256"
  }
}
"#),
            dm_bad("No rotation period", r"
resources:
- name: data-key
  type: gcp-types/cloudkms-v1:projects.locations.keyRings.cryptoKeys
  properties:
    parent: projects/example-project/locations/europe-west1/keyRings/data
    cryptoKeyId: data-key
"),
            dm_good("Rotation every 90 days, computed from the config's property", r"
imports:
- path: key.jinja

resources:
- name: app-key
  type: key.jinja
  properties:
    rotationDays: 90
# file: key.jinja
resources:
- name: {{ env['name'] }}
  type: gcp-types/cloudkms-v1:projects.locations.keyRings.cryptoKeys
  properties:
    parent: projects/{{ env['project'] }}/locations/europe-west1/keyRings/app
    cryptoKeyId: {{ env['name'] }}
    purpose: ENCRYPT_DECRYPT
    rotationPeriod: {{ properties['rotationDays'] * 86400 }}s
"),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for key in &state.google.kms.crypto_keys {
        if !key.purpose.eq_ignore_case("ENCRYPT_DECRYPT") {
            continue;
        }
        let period = &key.rotation_period_seconds;
        match period.known() {
            Some(None) => report.add(
                &key.resource,
                &period.meta,
                "The key has no rotation period",
            ),
            Some(Some(s)) if *s > MAX_ROTATION_PERIOD_SECONDS => report.add(
                &key.resource,
                &period.meta,
                format!(
                    "The key rotates every {} days, more than 90",
                    s / (24 * 60 * 60)
                ),
            ),
            Some(Some(_)) => report.pass(&key.resource),
            None => {}
        }
    }
}
