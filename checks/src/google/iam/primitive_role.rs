use crate::check::{dm_bad, dm_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use crate::google::text;
use cloudsentinel_model::State;

/// The basic roles the check flags.
const PRIMITIVE_ROLES: [&str; 2] = ["roles/owner", "roles/editor"];

/// Members naming one user, group or service account.
fn is_principal(member: &str) -> bool {
    ["user:", "group:", "serviceAccount:"]
        .iter()
        .any(|p| member.trim().starts_with(p))
}

declare_check! {
    /// Flags `roles/owner` or `roles/editor` granted to a user, group or service account on
    /// a project, folder or organization: through a member, a binding or a whole policy
    /// (including one built by `data.google_iam_policy`).
    ///
    /// The basic roles predate IAM's fine-grained roles: Editor can change almost every
    /// resource and Owner can also grant access. A compromised principal holding either
    /// owns the project.
    pub static CHECK = {
        id: "gcp-iam-primitive-role",
        title: "Basic role (Owner or Editor) granted on a project, folder or organization",
        severity: Medium,
        risk_score: 6.0,
        provider: Google,
        service: "iam",
        formats: [Terraform, DeploymentManager],
        compliance: {
            CIS_GCP: ["1.5"],
            NIST_800_53: ["AC-6", "AC-2"],
            ISO_27001: ["A.5.15", "A.8.2"],
            SOC2: ["CC6.3"],
        },
        aliases: ["CKV_GCP_117"],
        remediation: "Grant predefined or custom roles that cover only what the principal does, instead of `roles/owner` or `roles/editor`.",
        references: ["https://cloud.google.com/iam/docs/understanding-roles#basic"],
        examples: [
            tf_bad("Editor for a deployment service account", r#"
resource "google_service_account" "deployer" {
  account_id = "deployer"
}

resource "google_project_iam_member" "deployer" {
  project = "example-project"
  role    = "roles/editor"
  member  = "serviceAccount:deployer@example-project.iam.gserviceaccount.com"
}
"#),
            tf_bad("Owner in a folder policy built from a variable's default", r#"
variable "admins" {
  default = ["group:platform@example.com"]
}

data "google_iam_policy" "folder" {
  binding {
    role    = "roles/owner"
    members = var.admins
  }
}

resource "google_folder_iam_policy" "team" {
  folder      = "folders/1234567890"
  policy_data = data.google_iam_policy.folder.policy_data
}
"#),
            tf_good("Predefined roles for each team", r#"
locals {
  grants = {
    "roles/compute.admin"    = "group:platform@example.com"
    "roles/logging.viewer"   = "group:oncall@example.com"
  }
}

resource "google_project_iam_member" "team" {
  for_each = local.grants
  project  = "example-project"
  role     = each.key
  member   = each.value
}
"#),
            dm_bad("Editor for a deployment service account on the deployment's project", r"
imports:
- path: grant.jinja

resources:
- name: deployer-editor
  type: grant.jinja
  properties:
    member: serviceAccount:deployer@example-project.iam.gserviceaccount.com
# file: grant.jinja
resources:
- name: {{ env['name'] }}
  type: gcp-types/cloudresourcemanager-v1:virtual.projects.iamMemberBinding
  properties:
    resource: {{ env['project'] }}
    role: roles/editor
    member: {{ properties['member'] }}
"),
            dm_good("A predefined role for a team", r"
resources:
- name: analysts-viewer
  type: gcp-types/cloudresourcemanager-v1:virtual.projects.iamMemberBinding
  properties:
    resource: example-project
    role: roles/bigquery.dataViewer
    member: group:analysts@example.com
"),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for policy in &state.google.iam.policies {
        let mut failed = false;
        let mut decided = true;
        for b in &policy.bindings {
            if b.role.is_one_of(&PRIMITIVE_ROLES) {
                for m in b.members.iter().filter(|m| m.is(|m| is_principal(m))) {
                    failed = true;
                    report.add(
                        &policy.resource,
                        &m.meta,
                        format!(
                            "{} is granted to {} at {} level",
                            text(&b.role),
                            text(m),
                            policy.level.as_str()
                        ),
                    );
                }
                decided &= b.members.iter().all(|m| m.known().is_some());
            } else if b.role.is_unknown() {
                decided = false;
            }
        }
        if !failed && decided {
            report.pass(&policy.resource);
        }
    }
}
