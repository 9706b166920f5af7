use crate::check::{dm_bad, dm_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use crate::google::{public_bindings, text};
use cloudsentinel_model::State;
use cloudsentinel_model::google::storage::PUBLIC_PREDEFINED_ACLS;

declare_check! {
    /// Flags a Cloud Storage bucket whose IAM policy, ACL or default object ACL grants
    /// `allUsers` or `allAuthenticatedUsers` access: an IAM binding or member resource, a
    /// policy (including one built by the locally evaluated `google_iam_policy` data
    /// source), an ACL entry or a predefined ACL such as `publicRead`.
    ///
    /// `allUsers` is anyone on the internet; `allAuthenticatedUsers` is anyone with a Google
    /// account, which anyone can create. Public buckets are a leading cause of data leaks.
    ///
    /// A bucket whose public access prevention is `enforced` passes: Cloud Storage refuses
    /// public grants on it. ACL entries count only while uniform bucket-level access is off
    /// (with it on, ACLs grant nothing).
    pub static CHECK = {
        id: "gcp-storage-public",
        title: "Cloud Storage bucket is public",
        severity: Critical,
        risk_score: 9.5,
        provider: Google,
        service: "storage",
        formats: [Terraform, DeploymentManager],
        compliance: {
            CIS_GCP: ["5.1"],
            NIST_800_53: ["AC-3", "AC-21"],
            ISO_27001: ["A.5.15", "A.8.3"],
            SOC2: ["CC6.1"],
        },
        aliases: ["CKV_GCP_28", "AVD-GCP-0001", "google-storage-no-public-access"],
        remediation: "Remove `allUsers` and `allAuthenticatedUsers` from the bucket's IAM bindings and ACLs, grant access to specific principals, and set `public_access_prevention = \"enforced\"`.",
        references: [
            "https://cloud.google.com/storage/docs/access-control/making-data-public",
            "https://cloud.google.com/storage/docs/public-access-prevention",
        ],
        examples: [
            tf_bad("A member resource grants object reads to allUsers", r#"
resource "google_storage_bucket" "site" {
  name                        = "example-site-assets"
  location                    = "EU"
  uniform_bucket_level_access = true
}

resource "google_storage_bucket_iam_member" "public_read" {
  bucket = google_storage_bucket.site.name
  role   = "roles/storage.objectViewer"
  member = "allUsers"
}
"#),
            tf_bad("A policy built by data.google_iam_policy from a variable's default", r#"
variable "readers" {
  type    = list(string)
  default = ["group:analysts@example.com", "allAuthenticatedUsers"]
}

resource "google_storage_bucket" "reports" {
  name                        = "example-reports"
  location                    = "US"
  uniform_bucket_level_access = true
}

data "google_iam_policy" "reports" {
  binding {
    role    = "roles/storage.objectViewer"
    members = var.readers
  }
}

resource "google_storage_bucket_iam_policy" "reports" {
  bucket      = google_storage_bucket.reports.name
  policy_data = data.google_iam_policy.reports.policy_data
}
"#),
            tf_bad("A predefined ACL makes a fine-grained bucket public", r#"
resource "google_storage_bucket" "legacy" {
  name     = "example-legacy-downloads"
  location = "US"
}

resource "google_storage_bucket_acl" "legacy" {
  bucket         = google_storage_bucket.legacy.name
  predefined_acl = "publicRead"
}
"#),
            tf_bad("A default object ACL entry for every object of the bucket", r#"
resource "google_storage_bucket" "media" {
  name     = "example-media"
  location = "EU"
}

resource "google_storage_default_object_access_control" "public" {
  bucket = google_storage_bucket.media.name
  role   = "READER"
  entity = "allUsers"
}
"#),
            tf_good("Readers named one by one, for each bucket of a map", r#"
locals {
  buckets = {
    raw     = "group:ingest@example.com"
    curated = "group:analysts@example.com"
  }
}

resource "google_storage_bucket" "data" {
  for_each                    = local.buckets
  name                        = "example-${each.key}"
  location                    = "EU"
  uniform_bucket_level_access = true
  public_access_prevention    = "enforced"
}

resource "google_storage_bucket_iam_member" "readers" {
  for_each = local.buckets
  bucket   = google_storage_bucket.data[each.key].name
  role     = "roles/storage.objectViewer"
  member   = each.value
}
"#),
            tf_good("No ACL is declared, whatever a variable sets uniform access to", r#"
variable "uniform_access" {
  type = bool
}

resource "google_storage_bucket" "logs" {
  name                        = "example-logs"
  location                    = "EU"
  uniform_bucket_level_access = var.uniform_access
}

resource "google_storage_bucket_iam_member" "writer" {
  bucket = google_storage_bucket.logs.name
  role   = "roles/storage.objectCreator"
  member = "serviceAccount:logger@example.iam.gserviceaccount.com"
}
"#),
            tf_good("Public access prevention enforced", r#"
resource "google_storage_bucket" "private" {
  name                     = "example-private"
  location                 = "EU"
  public_access_prevention = "enforced"
}
"#),
            tf_good("A public member on a bucket named by a variable without a value is not guessed", r#"
variable "bucket_name" {
  type = string
}

resource "google_storage_bucket" "assets" {
  name                        = "example-assets"
  location                    = "EU"
  uniform_bucket_level_access = true
}

resource "google_storage_bucket_iam_member" "public" {
  bucket = var.bucket_name
  role   = "roles/storage.objectViewer"
  member = "allUsers"
}
"#),
            tf_good("A member from a variable without a value is not guessed", r#"
variable "reader" {
  type = string
}

resource "google_storage_bucket" "shared" {
  name                        = "example-shared"
  location                    = "EU"
  uniform_bucket_level_access = true
}

resource "google_storage_bucket_iam_member" "reader" {
  bucket = google_storage_bucket.shared.name
  role   = "roles/storage.objectViewer"
  member = var.reader
}
"#),
            dm_bad("A template grants object reads to allUsers through the bucket's accessControl", r"
imports:
- path: bucket.jinja

resources:
- name: site-assets
  type: bucket.jinja
  properties:
    readers:
    - group:web@example.com
    - allUsers
# file: bucket.jinja
resources:
- name: {{ env['name'] }}
  type: storage.v1.bucket
  properties:
    location: EU
    iamConfiguration:
      uniformBucketLevelAccess:
        enabled: true
  accessControl:
    gcpIamPolicy:
      bindings:
      - role: roles/storage.objectViewer
        members:
{% for r in properties['readers'] %}
        - {{ r }}
{% endfor %}
"),
            dm_bad("A default object ACL entry for every object of the bucket", r"
resources:
- name: example-media
  type: storage.v1.bucket
  properties:
    location: EU
    defaultObjectAcl:
    - entity: allUsers
      role: READER
"),
            dm_bad("A member binding joined to the bucket by reference", r"
resources:
- name: example-downloads
  type: storage.v1.bucket
  properties:
    location: US
    iamConfiguration:
      uniformBucketLevelAccess:
        enabled: true
- name: public-read
  type: gcp-types/storage-v1:virtual.buckets.iamMemberBinding
  properties:
    bucket: $(ref.example-downloads.name)
    role: roles/storage.objectViewer
    member: allAuthenticatedUsers
"),
            dm_good("Readers named one by one, from the schema's default", r"
imports:
- path: bucket.jinja

resources:
- name: example-reports
  type: bucket.jinja
# file: bucket.jinja
resources:
- name: {{ env['name'] }}
  type: storage.v1.bucket
  properties:
    location: EU
    iamConfiguration:
      uniformBucketLevelAccess:
        enabled: true
      publicAccessPrevention: {{ properties['prevention'] }}
  accessControl:
    gcpIamPolicy:
      bindings:
      - role: roles/storage.objectViewer
        members:
        - group:analysts@example.com
# file: bucket.jinja.schema
properties:
  prevention:
    type: string
    default: enforced
"),
            dm_good("A member from the deployment's project is not guessed", r"
imports:
- path: bucket.jinja

resources:
- name: example-shared
  type: bucket.jinja
# file: bucket.jinja
resources:
- name: {{ env['name'] }}
  type: storage.v1.bucket
  properties:
    iamConfiguration:
      uniformBucketLevelAccess:
        enabled: true
  accessControl:
    gcpIamPolicy:
      bindings:
      - role: roles/storage.objectViewer
        members:
        - {{ env['project'] }}
"),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for b in &state.google.storage.buckets {
        if b.public_access_prevented() {
            report.pass(&b.resource);
            continue;
        }
        // `inherited` defers to an organization policy no template shows: the grants decide.
        if b.public_access_prevention.is_unknown() {
            continue;
        }
        let mut failed = false;
        let (public, mut decided) = public_bindings(&b.iam);
        for (binding, member) in public {
            failed = true;
            report.add(
                &b.resource,
                &member.meta,
                format!(
                    "Bucket IAM grants {} to {}",
                    text(&binding.role),
                    text(member)
                ),
            );
        }
        // ACLs grant nothing once uniform bucket-level access is on; while it is Unknown, a
        // public (or Unknown) ACL leaves the bucket undecided.
        if !b.uniform_bucket_level_access.is_true() {
            let acls_apply = b.uniform_bucket_level_access.is_false();
            let predefined = [
                (&b.predefined_acl, "Predefined bucket ACL"),
                (
                    &b.predefined_default_object_acl,
                    "Predefined default object ACL",
                ),
            ];
            for (acl, what) in predefined {
                let public = acl.is(|a| {
                    PUBLIC_PREDEFINED_ACLS
                        .iter()
                        .any(|p| a.eq_ignore_ascii_case(p))
                });
                if public && acls_apply {
                    failed = true;
                    report.add(
                        &b.resource,
                        &acl.meta,
                        format!("{what} `{}` makes the bucket's data public", text(acl)),
                    );
                } else if public || acl.is_unknown() {
                    decided = false;
                }
            }
            let entries = [
                (&b.acl, "Bucket ACL"),
                (&b.default_object_acl, "Default object ACL"),
            ];
            for (entries, what) in entries {
                for e in entries {
                    if e.is_public() && acls_apply {
                        failed = true;
                        report.add(
                            &b.resource,
                            &e.entity.meta,
                            format!(
                                "{what} grants {} to {}",
                                e.role.as_str().unwrap_or("access"),
                                text(&e.entity)
                            ),
                        );
                    } else if e.is_public() || e.entity.is_unknown() {
                        decided = false;
                    }
                }
            }
        }
        if !failed && decided {
            report.pass(&b.resource);
        }
    }
}
