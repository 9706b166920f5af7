use crate::check::{dm_bad, dm_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags a Cloud Storage bucket without object versioning (the default).
    ///
    /// Without versioning, an overwritten or deleted object is gone: a bug, a mistaken
    /// `gsutil rm -r` or an attacker with write access destroys data for good.
    pub static CHECK = {
        id: "gcp-storage-no-versioning",
        title: "Cloud Storage bucket has versioning off",
        severity: Low,
        risk_score: 3.0,
        provider: Google,
        service: "storage",
        formats: [Terraform, DeploymentManager],
        status: Preview,
        compliance: {
            NIST_800_53: ["CP-9", "SI-12"],
            ISO_27001: ["A.8.13"],
            SOC2: ["A1.2"],
        },
        aliases: ["CKV_GCP_78", "AVD-GCP-0078"],
        remediation: "Add `versioning { enabled = true }`, with a lifecycle rule that deletes noncurrent versions after a retention period.",
        references: ["https://cloud.google.com/storage/docs/object-versioning"],
        examples: [
            tf_bad("No versioning block", r#"
resource "google_storage_bucket" "data" {
  name                        = "example-data"
  location                    = "EU"
  uniform_bucket_level_access = true
}
"#),
            tf_good("Versioning on, set from a local", r#"
locals {
  keep_versions = true
}

resource "google_storage_bucket" "data" {
  name                        = "example-data"
  location                    = "EU"
  uniform_bucket_level_access = true

  versioning {
    enabled = local.keep_versions
  }
}
"#),
            dm_bad("No versioning configuration", r"
resources:
- name: example-data
  type: storage.v1.bucket
  properties:
    location: EU
"),
            dm_good("Versioning on from the config's property", r"
imports:
- path: bucket.jinja

resources:
- name: example-backups
  type: bucket.jinja
  properties:
    versioned: true
# file: bucket.jinja
resources:
- name: {{ env['name'] }}
  type: storage.v1.bucket
  properties:
    location: EU
    versioning:
      enabled: {{ properties['versioned'] }}
"),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for b in &state.google.storage.buckets {
        let v = &b.versioning_enabled;
        if v.is_false() {
            report.add(&b.resource, &v.meta, "Object versioning is off");
        } else if v.is_true() {
            report.pass(&b.resource);
        }
    }
}
