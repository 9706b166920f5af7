use crate::check::{dm_bad, dm_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags a BigQuery dataset without a default customer-managed encryption key
    /// (`default_encryption_configuration.kms_key_name`): its tables are encrypted with
    /// Google-managed keys.
    ///
    /// A customer-managed key lets you control, audit and revoke access to the data at the
    /// key level, and destroy it by destroying the key.
    pub static CHECK = {
        id: "gcp-bigquery-no-cmek",
        title: "BigQuery dataset has no default customer-managed key",
        severity: Low,
        risk_score: 2.5,
        provider: Google,
        service: "bigquery",
        formats: [Terraform, DeploymentManager],
        status: Preview,
        compliance: {
            CIS_GCP: ["7.3"],
            NIST_800_53: ["SC-12", "SC-28"],
            ISO_27001: ["A.8.24"],
            SOC2: ["CC6.1"],
        },
        aliases: [],
        remediation: "Add `default_encryption_configuration { kms_key_name = <Cloud KMS key> }` (the BigQuery service agent needs `roles/cloudkms.cryptoKeyEncrypterDecrypter` on the key).",
        references: ["https://cloud.google.com/bigquery/docs/customer-managed-encryption"],
        examples: [
            tf_bad("No default key", r#"
resource "google_bigquery_dataset" "analytics" {
  dataset_id = "analytics"
  location   = "EU"
}
"#),
            tf_good("A key declared beside the dataset", r#"
resource "google_kms_crypto_key" "bigquery" {
  name            = "bigquery"
  key_ring        = "projects/example/locations/eu/keyRings/data"
  rotation_period = "7776000s"
}

resource "google_bigquery_dataset" "analytics" {
  dataset_id = "analytics"
  location   = "EU"

  default_encryption_configuration {
    kms_key_name = "projects/example/locations/eu/keyRings/data/cryptoKeys/bigquery"
  }
}
"#),
            tf_good("A key from a variable without a value is not guessed", r#"
variable "kms_key_name" {
  type = string
}

resource "google_bigquery_dataset" "analytics" {
  dataset_id = "analytics"
  location   = "EU"

  default_encryption_configuration {
    kms_key_name = var.kms_key_name
  }
}
"#),
            dm_bad("No default key", r"
resources:
- name: analytics
  type: bigquery.v2.dataset
  properties:
    datasetReference:
      datasetId: analytics
"),
            dm_good("A key from the config's property", r"
imports:
- path: dataset.jinja

resources:
- name: finance
  type: dataset.jinja
  properties:
    key: projects/example-project/locations/eu/keyRings/data/cryptoKeys/bigquery
# file: dataset.jinja
resources:
- name: {{ env['name'] }}
  type: bigquery.v2.dataset
  properties:
    datasetReference:
      datasetId: {{ env['name'] }}
    defaultEncryptionConfiguration:
      kmsKeyName: {{ properties['key'] }}
"),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for d in &state.google.bigquery.datasets {
        let v = &d.default_kms_key_name;
        if v.is_empty_str() {
            report.add(
                &d.resource,
                &v.meta,
                "The dataset has no default customer-managed encryption key",
            );
        } else if v.is_non_empty() {
            report.pass(&d.resource);
        }
    }
}
