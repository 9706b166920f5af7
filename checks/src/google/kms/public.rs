use crate::check::{dm_bad, dm_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use crate::google::{public_bindings, text};
use cloudsentinel_model::State;

declare_check! {
    /// Flags a Cloud KMS crypto key whose IAM policy grants `allUsers` or
    /// `allAuthenticatedUsers` a role (a member, binding or policy resource on the key).
    ///
    /// Anyone could then use the key (to decrypt what it protects, or sign as you) or
    /// administer it, depending on the role.
    pub static CHECK = {
        id: "gcp-kms-public",
        title: "Cloud KMS key is public",
        severity: Critical,
        risk_score: 9.0,
        provider: Google,
        service: "kms",
        formats: [Terraform, DeploymentManager],
        status: Preview,
        compliance: {
            CIS_GCP: ["1.9"],
            NIST_800_53: ["AC-3", "SC-12"],
            ISO_27001: ["A.5.15", "A.8.24"],
            SOC2: ["CC6.1"],
        },
        aliases: [],
        remediation: "Remove `allUsers` and `allAuthenticatedUsers` from the key's IAM policy; grant `roles/cloudkms.cryptoKeyEncrypterDecrypter` to the service accounts that use it.",
        references: ["https://cloud.google.com/kms/docs/iam"],
        examples: [
            tf_bad("A binding whose members come from a variable's default", r#"
variable "decrypters" {
  default = ["allAuthenticatedUsers"]
}

resource "google_kms_crypto_key" "data" {
  name            = "data"
  key_ring        = "projects/example/locations/europe-west1/keyRings/app"
  rotation_period = "7776000s"
}

resource "google_kms_crypto_key_iam_binding" "decrypters" {
  crypto_key_id = google_kms_crypto_key.data.id
  role          = "roles/cloudkms.cryptoKeyDecrypter"
  members       = var.decrypters
}
"#),
            tf_good("The application's service account only", r#"
resource "google_kms_crypto_key" "data" {
  name            = "data"
  key_ring        = "projects/example/locations/europe-west1/keyRings/app"
  rotation_period = "7776000s"
}

resource "google_kms_crypto_key_iam_member" "app" {
  crypto_key_id = google_kms_crypto_key.data.id
  role          = "roles/cloudkms.cryptoKeyEncrypterDecrypter"
  member        = "serviceAccount:app@example.iam.gserviceaccount.com"
}
"#),
            dm_bad("A binding whose members come from the config", r"
imports:
- path: key.jinja

resources:
- name: shared-key
  type: key.jinja
  properties:
    users:
    - serviceAccount:app@example-project.iam.gserviceaccount.com
    - allAuthenticatedUsers
# file: key.jinja
resources:
- name: {{ env['name'] }}
  type: gcp-types/cloudkms-v1:projects.locations.keyRings.cryptoKeys
  properties:
    parent: projects/example-project/locations/europe-west1/keyRings/app
    cryptoKeyId: {{ env['name'] }}
    rotationPeriod: 7776000s
  accessControl:
    gcpIamPolicy:
      bindings:
      - role: roles/cloudkms.cryptoKeyEncrypterDecrypter
        members: {{ properties['users'] }}
"),
            dm_good("The application's service account only", r"
resources:
- name: app-key
  type: gcp-types/cloudkms-v1:projects.locations.keyRings.cryptoKeys
  properties:
    parent: projects/example-project/locations/europe-west1/keyRings/app
    cryptoKeyId: app-key
    rotationPeriod: 7776000s
  accessControl:
    gcpIamPolicy:
      bindings:
      - role: roles/cloudkms.cryptoKeyEncrypterDecrypter
        members:
        - serviceAccount:app@example-project.iam.gserviceaccount.com
"),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for key in &state.google.kms.crypto_keys {
        let (public, decided) = public_bindings(&key.iam);
        for (binding, member) in &public {
            report.add(
                &key.resource,
                &member.meta,
                format!("Key IAM grants {} to {}", text(&binding.role), text(member)),
            );
        }
        if public.is_empty() && decided {
            report.pass(&key.resource);
        }
    }
}
