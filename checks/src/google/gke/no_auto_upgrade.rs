use crate::check::{Fix, Format, dm_bad, dm_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags a GKE node pool with `management.auto_upgrade` off (the provider turns it on
    /// when `management` is omitted).
    ///
    /// Node auto-upgrade keeps nodes on a supported, patched GKE version; without it nodes drift behind security fixes for the kubelet, container runtime and OS.
    pub static CHECK = {
        id: "gcp-gke-no-auto-upgrade",
        title: "GKE node pool has auto-upgrade off",
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
        aliases: ["CKV_GCP_10", "AVD-GCP-0058"],
        remediation: "Set `management { auto_upgrade = true }` on the node pool.",
        references: ["https://cloud.google.com/kubernetes-engine/docs/how-to/node-auto-upgrades"],
        examples: [
            tf_bad("Auto-upgrade turned off by a variable's default", r#"
variable "auto_upgrade" {
  default = false
}

resource "google_container_node_pool" "default" {
  name       = "default"
  cluster    = "main"
  location   = "europe-west1"
  node_count = 3

  management {
    auto_upgrade = var.auto_upgrade
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
            dm_bad("Auto-upgrade turned off by the config's property", r"
imports:
- path: pool.jinja

resources:
- name: pinned-pool
  type: pool.jinja
  properties:
    autoUpgrade: false
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
        autoRepair: true
        autoUpgrade: {{ properties['autoUpgrade'] }}
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
            Fix::set(Format::Terraform, &["management", "auto_upgrade"], "true"),
            Fix::set(Format::DeploymentManager, &["nodePool", "management", "autoUpgrade"], "true"),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for pool in &state.google.gke.node_pools {
        let v = &pool.auto_upgrade;
        if v.is_false() {
            report.add(&pool.resource, &v.meta, "Node auto-upgrade is off");
        } else if v.is_true() {
            report.pass(&pool.resource);
        }
    }
}
