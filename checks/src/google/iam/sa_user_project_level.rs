use crate::check::{dm_bad, dm_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use crate::google::text;
use cloudsentinel_model::State;
use cloudsentinel_model::google::iam::Level;

/// The roles that let a principal act as service accounts.
const IMPERSONATION_ROLES: [&str; 2] = [
    "roles/iam.serviceAccountUser",
    "roles/iam.serviceAccountTokenCreator",
];

declare_check! {
    /// Flags `roles/iam.serviceAccountUser` or `roles/iam.serviceAccountTokenCreator`
    /// granted on a project (through a member, a binding or a whole policy).
    ///
    /// At project level these roles let the grantee act as every service account of the
    /// project, present and future, and so gain every role those accounts hold. Grant them
    /// on the one service account that needs impersonating instead.
    pub static CHECK = {
        id: "gcp-iam-sa-user-project-level",
        title: "Service account impersonation granted at project level",
        severity: Medium,
        risk_score: 6.5,
        provider: Google,
        service: "iam",
        formats: [Terraform, DeploymentManager],
        compliance: {
            CIS_GCP: ["1.6"],
            NIST_800_53: ["AC-6"],
            ISO_27001: ["A.5.15", "A.8.2"],
            SOC2: ["CC6.3"],
        },
        aliases: ["CKV_GCP_41", "AVD-GCP-0011", "google-iam-no-project-level-service-account-impersonation"],
        remediation: "Grant the role on the service account itself (`google_service_account_iam_member`) rather than on the project.",
        references: ["https://cloud.google.com/iam/docs/service-account-permissions"],
        examples: [
            tf_bad("Service Account User for a CI group on the project", r#"
variable "project_id" {
  default = "example-project"
}

resource "google_project_iam_binding" "ci" {
  project = var.project_id
  role    = "roles/iam.serviceAccountUser"
  members = ["group:ci@example.com"]
}
"#),
            tf_good("Granted on the one service account", r#"
resource "google_service_account" "runner" {
  account_id = "runner"
}

resource "google_service_account_iam_member" "ci" {
  service_account_id = google_service_account.runner.name
  role               = "roles/iam.serviceAccountUser"
  member             = "group:ci@example.com"
}

resource "google_project_iam_member" "ci_viewer" {
  project = "example-project"
  role    = "roles/viewer"
  member  = "group:ci@example.com"
}
"#),
            dm_bad("Service Account User for a CI group on the deployment's project", r"
imports:
- path: grant.jinja

resources:
- name: ci-impersonation
  type: grant.jinja
  properties:
    group: ci@example.com
# file: grant.jinja
resources:
- name: {{ env['name'] }}
  type: gcp-types/cloudresourcemanager-v1:virtual.projects.iamMemberBinding
  properties:
    resource: {{ env['project'] }}
    role: roles/iam.serviceAccountUser
    member: group:{{ properties['group'] }}
"),
            dm_good("A project-level role that allows no impersonation", r"
resources:
- name: ci-viewer
  type: gcp-types/cloudresourcemanager-v1:virtual.projects.iamMemberBinding
  properties:
    resource: example-project
    role: roles/viewer
    member: group:ci@example.com
"),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for policy in state
        .google
        .iam
        .policies
        .iter()
        .filter(|p| p.level == Level::Project)
    {
        let mut failed = false;
        let mut decided = true;
        for b in &policy.bindings {
            if b.role.is_one_of(&IMPERSONATION_ROLES) && !b.members.is_empty() {
                failed = true;
                report.add(
                    &policy.resource,
                    &b.role.meta,
                    format!("{} is granted at project level", text(&b.role)),
                );
            } else if b.role.is_unknown() {
                decided = false;
            }
        }
        if !failed && decided {
            report.pass(&policy.resource);
        }
    }
}
