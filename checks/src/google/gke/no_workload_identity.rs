use crate::check::{dm_bad, dm_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags a GKE Standard cluster without Workload Identity
    /// (`workload_identity_config.workload_pool` not set). Autopilot clusters always have it.
    ///
    /// Without Workload Identity, pods call Google APIs as the node's service account and
    /// can read the node's metadata server: every pod gets the node's permissions, and a
    /// compromised pod can take them.
    pub static CHECK = {
        id: "gcp-gke-no-workload-identity",
        title: "GKE cluster does not use Workload Identity",
        severity: Medium,
        risk_score: 5.0,
        provider: Google,
        service: "gke",
        formats: [Terraform, DeploymentManager],
        status: Preview,
        compliance: {
            NIST_800_53: ["AC-6", "IA-2"],
            ISO_27001: ["A.5.15", "A.8.2"],
            SOC2: ["CC6.3"],
        },
        aliases: [],
        remediation: "Set `workload_identity_config { workload_pool = \"<project>.svc.id.goog\" }` and `node_config.workload_metadata_config.mode = \"GKE_METADATA\"` on node pools.",
        references: ["https://cloud.google.com/kubernetes-engine/docs/how-to/workload-identity"],
        examples: [
            tf_bad("No workload identity configuration", r#"
resource "google_container_cluster" "main" {
  name               = "main"
  location           = "europe-west1"
  initial_node_count = 1
}
"#),
            tf_good("The project's workload pool", r#"
variable "project_id" {
  default = "example-project"
}

resource "google_container_cluster" "main" {
  name               = "main"
  location           = "europe-west1"
  initial_node_count = 1

  workload_identity_config {
    workload_pool = "${var.project_id}.svc.id.goog"
  }
}
"#),
            tf_good("An Autopilot cluster", r#"
resource "google_container_cluster" "autopilot" {
  name             = "autopilot"
  location         = "europe-west1"
  enable_autopilot = true
}
"#),
            dm_bad("No workload identity configuration", r"
resources:
- name: app-cluster
  type: container.v1.cluster
  properties:
    zone: europe-west1-b
    cluster:
      name: app-cluster
      initialNodeCount: 3
"),
            dm_good("The project's workload pool, from the config's property", r"
imports:
- path: cluster.jinja

resources:
- name: wi-cluster
  type: cluster.jinja
  properties:
    project: example-project
# file: cluster.jinja
resources:
- name: {{ env['name'] }}
  type: container.v1.cluster
  properties:
    zone: europe-west1-b
    cluster:
      name: {{ env['name'] }}
      initialNodeCount: 3
      workloadIdentityConfig:
        workloadPool: {{ properties['project'] }}.svc.id.goog
"),
            dm_good("A workload pool named after the deployment's project is not guessed", r"
imports:
- path: cluster.jinja

resources:
- name: wi-cluster
  type: cluster.jinja
# file: cluster.jinja
resources:
- name: {{ env['name'] }}
  type: container.v1.cluster
  properties:
    zone: europe-west1-b
    cluster:
      name: {{ env['name'] }}
      initialNodeCount: 3
      workloadIdentityConfig:
        workloadPool: {{ env['project'] }}.svc.id.goog
"),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for c in &state.google.gke.clusters {
        let v = &c.workload_identity;
        if v.is_false() {
            report.add(&c.resource, &v.meta, "Workload Identity is not enabled");
        } else if v.is_true() {
            report.pass(&c.resource);
        }
    }
}
