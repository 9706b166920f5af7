use crate::check::{dm_bad, dm_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use crate::google::{public_bindings, text};
use cloudsentinel_model::State;

declare_check! {
    /// Flags a BigQuery dataset that grants access to `allUsers` or
    /// `allAuthenticatedUsers`: an `access` block (`special_group` or `iam_member`), a
    /// `google_bigquery_dataset_access` resource, or a dataset IAM member, binding or
    /// policy.
    ///
    /// `allAuthenticatedUsers` is anyone with a Google account, not "anyone in the
    /// organization": the dataset's tables are readable (or writable) by the world.
    pub static CHECK = {
        id: "gcp-bigquery-public",
        title: "BigQuery dataset is public",
        severity: Critical,
        risk_score: 9.5,
        provider: Google,
        service: "bigquery",
        formats: [Terraform, DeploymentManager],
        compliance: {
            CIS_GCP: ["7.1"],
            NIST_800_53: ["AC-3", "AC-21"],
            ISO_27001: ["A.5.15", "A.8.3"],
            SOC2: ["CC6.1"],
        },
        aliases: ["CKV_GCP_15", "AVD-GCP-0046", "google-bigquery-no-public-access"],
        remediation: "Remove the `allUsers` / `allAuthenticatedUsers` access; grant `READER` to specific groups or a domain.",
        references: ["https://cloud.google.com/bigquery/docs/control-access-to-resources-iam"],
        examples: [
            tf_bad("An access block for every Google account", r#"
resource "google_bigquery_dataset" "analytics" {
  dataset_id = "analytics"
  location   = "EU"

  access {
    role          = "OWNER"
    special_group = "projectOwners"
  }

  access {
    role          = "READER"
    special_group = "allAuthenticatedUsers"
  }
}
"#),
            tf_bad("A dataset IAM member from a variable's default", r#"
variable "viewer" {
  default = "allUsers"
}

resource "google_bigquery_dataset" "open_data" {
  dataset_id = "open_data"
  location   = "US"
}

resource "google_bigquery_dataset_iam_member" "viewer" {
  dataset_id = google_bigquery_dataset.open_data.dataset_id
  role       = "roles/bigquery.dataViewer"
  member     = var.viewer
}
"#),
            tf_good("Readers from a group and the domain, and an authorized view", r#"
resource "google_bigquery_dataset" "analytics" {
  dataset_id = "analytics"
  location   = "EU"

  access {
    role          = "OWNER"
    special_group = "projectOwners"
  }

  access {
    role           = "READER"
    group_by_email = "analysts@example.com"
  }

  access {
    view {
      project_id = "example"
      dataset_id = "reporting"
      table_id   = "monthly_summary"
    }
  }
}

resource "google_bigquery_dataset_access" "domain" {
  dataset_id = google_bigquery_dataset.analytics.dataset_id
  role       = "READER"
  domain     = "example.com"
}
"#),
            dm_bad("An access entry for every Google account from the config", r"
imports:
- path: dataset.jinja

resources:
- name: open_data
  type: dataset.jinja
  properties:
    readers: allAuthenticatedUsers
# file: dataset.jinja
resources:
- name: {{ env['name'] }}
  type: bigquery.v2.dataset
  properties:
    datasetReference:
      datasetId: {{ env['name'] }}
    access:
    - role: OWNER
      groupByEmail: data-owners@example.com
    - role: READER
      specialGroup: {{ properties['readers'] }}
"),
            dm_good("Readers from a group and the domain", r"
resources:
- name: internal_data
  type: bigquery.v2.dataset
  properties:
    datasetReference:
      datasetId: internal_data
    access:
    - role: OWNER
      groupByEmail: data-owners@example.com
    - role: READER
      domain: example.com
"),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for d in &state.google.bigquery.datasets {
        let (public, decided) = public_bindings(&d.access);
        for (binding, member) in &public {
            report.add(
                &d.resource,
                &member.meta,
                format!(
                    "Dataset grants {} to {}",
                    binding.role.as_str().unwrap_or("access"),
                    text(member)
                ),
            );
        }
        if public.is_empty() && decided {
            report.pass(&d.resource);
        }
    }
}
