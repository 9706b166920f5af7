use crate::check::{Fix, Format, dm_bad, dm_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags a GKE node pool with `management.auto_repair` off (the provider turns it on
    /// when `management` is omitted).
    ///
    /// Node auto-repair recreates nodes that fail health checks; without it a broken node keeps its pods unschedulable or serving errors until someone notices.
    pub static CHECK = {
        id: "gcp-gke-no-auto-repair",
        title: "GKE node pool has auto-repair off",
        severity: Low,
        risk_score: 3.0,
        provider: Google,
        service: "gke",
        formats: [Terraform, DeploymentManager],
        status: Preview,
        compliance: {
            NIST_800_53: ["SI-2", "CM-6"],
            ISO_27001: ["A.8.8"],
            SOC2: ["CC7.1"],
        },
        aliases: ["CKV_GCP_9", "AVD-GCP-0063"],
        remediation: "Set `management { auto_repair = true }` on the node pool.",
        references: ["https://cloud.google.com/kubernetes-engine/docs/how-to/node-auto-repair"],
        examples: [
            tf_bad("Auto-repair turned off by a variable's default", r#"
variable "auto_repair" {
  default = false
}

resource "google_container_node_pool" "default" {
  name       = "default"
  cluster    = "main"
  location   = "europe-west1"
  node_count = 3

  management {
    auto_repair = var.auto_repair
  }
}
"#),
            tf_good("Management omitted: the provider's defaults turn it on", r#"
resource "google_container_cluster" "main" {
  name                     = "main"
  location                 = "europe-west1"
  remove_default_node_pool = true
  initial_node_count       = 1
}

resource "google_container_node_pool" "default" {
  name       = "default"
  cluster    = google_container_cluster.main.id
  location   = "europe-west1"
  node_count = 3
}
"#),
            dm_bad("Auto-repair turned off by the config's property", r"
imports:
- path: pool.jinja

resources:
- name: batch-pool
  type: pool.jinja
  properties:
    autoRepair: false
# file: pool.jinja
resources:
- name: {{ env['name'] }}
  type: container.v1.nodePool
  properties:
    zone: europe-west1-b
    clusterId: app-cluster
    nodePool:
      name: {{ env['name'] }}
      initialNodeCount: 2
      management:
        autoRepair: {{ properties['autoRepair'] }}
        autoUpgrade: true
"),
            dm_good("Management omitted: the API's defaults turn it on", r"
resources:
- name: web-pool
  type: container.v1.nodePool
  properties:
    zone: europe-west1-b
    clusterId: app-cluster
    nodePool:
      name: web-pool
      initialNodeCount: 2
"),
        ],
        fixes: [
            Fix::set(Format::Terraform, &["management", "auto_repair"], "true"),
            Fix::set(Format::DeploymentManager, &["nodePool", "management", "autoRepair"], "true"),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for pool in &state.google.gke.node_pools {
        let v = &pool.auto_repair;
        if v.is_false() {
            report.add(&pool.resource, &v.meta, "Node auto-repair is off");
        } else if v.is_true() {
            report.pass(&pool.resource);
        }
    }
}
