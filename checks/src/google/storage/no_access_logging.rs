use crate::check::{dm_bad, dm_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags a Cloud Storage bucket without usage logging (no `logging` block naming a log
    /// bucket).
    ///
    /// Usage logs record every request to the bucket's objects; without them (or Data
    /// Access audit logs) there is no record of who read what after a leak.
    pub static CHECK = {
        id: "gcp-storage-no-access-logging",
        title: "Cloud Storage bucket has usage logging off",
        severity: Low,
        risk_score: 2.5,
        provider: Google,
        service: "storage",
        formats: [Terraform, DeploymentManager],
        status: Preview,
        compliance: {
            NIST_800_53: ["AU-2", "AU-12"],
            ISO_27001: ["A.8.15"],
            SOC2: ["CC7.2"],
        },
        aliases: ["CKV_GCP_62", "AVD-GCP-0077"],
        remediation: "Add `logging { log_bucket = \"<log bucket>\" }`, or enable Data Access audit logs for Cloud Storage.",
        references: ["https://cloud.google.com/storage/docs/access-logs"],
        examples: [
            tf_bad("No logging block", r#"
resource "google_storage_bucket" "data" {
  name                        = "example-data"
  location                    = "EU"
  uniform_bucket_level_access = true
}
"#),
            tf_good("Logs delivered to a log bucket", r#"
resource "google_storage_bucket" "logs" {
  name                        = "example-logs"
  location                    = "EU"
  uniform_bucket_level_access = true

  logging {
    log_bucket = "example-audit-logs"
  }
}

resource "google_storage_bucket" "data" {
  name                        = "example-data"
  location                    = "EU"
  uniform_bucket_level_access = true

  logging {
    log_bucket = google_storage_bucket.logs.name
  }
}
"#),
            dm_bad("No logging configuration", r"
resources:
- name: example-data
  type: storage.v1.bucket
  properties:
    location: EU
"),
            dm_good("Logs delivered to a log bucket named after the resource", r"
imports:
- path: bucket.jinja

resources:
- name: example-site
  type: bucket.jinja
# file: bucket.jinja
resources:
- name: {{ env['name'] }}
  type: storage.v1.bucket
  properties:
    location: EU
    logging:
      logBucket: {{ env['name'] }}-logs
"),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for b in &state.google.storage.buckets {
        let v = &b.logging_enabled;
        if v.is_false() {
            report.add(&b.resource, &v.meta, "Usage logging is off");
        } else if v.is_true() {
            report.pass(&b.resource);
        }
    }
}
