use crate::check::{Fix, Format, dm_bad, dm_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags a Cloud Storage bucket with uniform bucket-level access off, which is the
    /// Terraform provider's default when `uniform_bucket_level_access` is omitted.
    ///
    /// Without it, every object can carry its own ACL: access is decided object by object,
    /// is hard to audit, and a single public object ACL leaks data that the bucket's IAM
    /// policy keeps private.
    pub static CHECK = {
        id: "gcp-storage-no-uniform-access",
        title: "Cloud Storage bucket does not use uniform bucket-level access",
        severity: Medium,
        risk_score: 5.0,
        provider: Google,
        service: "storage",
        formats: [Terraform, DeploymentManager],
        compliance: {
            CIS_GCP: ["5.2"],
            NIST_800_53: ["AC-3", "AC-6"],
            ISO_27001: ["A.5.15"],
            SOC2: ["CC6.1"],
        },
        aliases: ["CKV_GCP_29", "AVD-GCP-0002", "google-storage-enable-ubla"],
        remediation: "Set `uniform_bucket_level_access = true` and grant access through the bucket's IAM policy.",
        references: ["https://cloud.google.com/storage/docs/uniform-bucket-level-access"],
        examples: [
            tf_bad("Uniform access omitted (the provider sends false)", r#"
resource "google_storage_bucket" "uploads" {
  name     = "example-uploads"
  location = "EU"
}
"#),
            tf_bad("Turned off for one environment through a variable's default", r#"
variable "environment" {
  default = "dev"
}

resource "google_storage_bucket" "artifacts" {
  name                        = "example-artifacts-${var.environment}"
  location                    = "EU"
  uniform_bucket_level_access = var.environment == "prod"
}
"#),
            tf_good("Uniform access on", r#"
resource "google_storage_bucket" "uploads" {
  name                        = "example-uploads"
  location                    = "EU"
  uniform_bucket_level_access = true
}
"#),
            tf_good("A setting from a variable without a value is not guessed", r#"
variable "uniform_access" {
  type = bool
}

resource "google_storage_bucket" "uploads" {
  name                        = "example-uploads"
  location                    = "EU"
  uniform_bucket_level_access = var.uniform_access
}
"#),
            dm_bad("Uniform access omitted (the API's default is off)", r"
resources:
- name: example-legacy
  type: storage.v1.bucket
  properties:
    location: EU
"),
            dm_good("Uniform access on from the config's property", r"
imports:
- path: bucket.jinja

resources:
- name: example-data
  type: bucket.jinja
  properties:
    uniform: true
# file: bucket.jinja
resources:
- name: {{ env['name'] }}
  type: storage.v1.bucket
  properties:
    location: EU
    iamConfiguration:
      uniformBucketLevelAccess:
        enabled: {{ properties['uniform'] }}
"),
        ],
        fixes: [
            Fix::set(Format::Terraform, &["uniform_bucket_level_access"], "true"),
            Fix::set(Format::DeploymentManager, &["iamConfiguration", "uniformBucketLevelAccess", "enabled"], "true"),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for b in &state.google.storage.buckets {
        let v = &b.uniform_bucket_level_access;
        if v.is_false() {
            report.add(&b.resource, &v.meta, "Uniform bucket-level access is off");
        } else if v.is_true() {
            report.pass(&b.resource);
        }
    }
}
