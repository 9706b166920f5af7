use crate::check::{Fix, Format, dm_bad, dm_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags a GKE cluster with Shielded GKE Nodes turned off. A cluster that does not say
    /// gets them (the default for new clusters since GKE 1.18); Autopilot always uses them.
    ///
    /// Shielded nodes prove their identity to the control plane with a vTPM-backed
    /// certificate and boot verified images: without them, an attacker who reads a node's
    /// bootstrap credentials from the metadata server can impersonate a node and read the
    /// secrets of every pod the scheduler sends it.
    pub static CHECK = {
        id: "gcp-gke-no-shielded-nodes",
        title: "GKE cluster has Shielded GKE Nodes turned off",
        severity: Medium,
        risk_score: 5.0,
        provider: Google,
        service: "gke",
        formats: [Terraform, DeploymentManager],
        status: Preview,
        compliance: {
            NIST_800_53: ["SI-7", "IA-3"],
            ISO_27001: ["A.8.9"],
            SOC2: ["CC6.8"],
        },
        aliases: ["CKV_GCP_71", "google-gke-enable-shielded-nodes"],
        remediation: "Remove `enable_shielded_nodes = false` (the default is true).",
        references: ["https://cloud.google.com/kubernetes-engine/docs/how-to/shielded-gke-nodes"],
        examples: [
            tf_bad("Shielded nodes turned off through a variable's default", r#"
variable "shielded_nodes" {
  default = false
}

resource "google_container_cluster" "main" {
  name                  = "main"
  location              = "europe-west1"
  initial_node_count    = 1
  enable_shielded_nodes = var.shielded_nodes
}
"#),
            tf_good("Shielded nodes by default", r#"
resource "google_container_cluster" "main" {
  name               = "main"
  location           = "europe-west1"
  initial_node_count = 1
}
"#),
            dm_bad("Shielded nodes turned off through the schema's default", r"
imports:
- path: cluster.jinja

resources:
- name: old-cluster
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
      shieldedNodes:
        enabled: {{ properties['shielded'] }}
# file: cluster.jinja.schema
properties:
  shielded:
    type: boolean
    default: false
"),
            dm_good("Shielded nodes by default", r"
resources:
- name: app-cluster
  type: container.v1.cluster
  properties:
    zone: europe-west1-b
    cluster:
      name: app-cluster
      initialNodeCount: 3
"),
        ],
        fixes: [
            Fix::set(Format::Terraform, &["enable_shielded_nodes"], "true"),
            Fix::set(Format::DeploymentManager, &["cluster", "shieldedNodes", "enabled"], "true"),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for c in &state.google.gke.clusters {
        let v = &c.shielded_nodes;
        if c.autopilot.is_true() || v.is_true() {
            report.pass(&c.resource);
        } else if v.is_false() && c.autopilot.is_false() {
            report.add(&c.resource, &v.meta, "Shielded GKE Nodes are turned off");
        }
    }
}
