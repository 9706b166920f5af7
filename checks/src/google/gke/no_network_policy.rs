use crate::check::{dm_bad, dm_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags a GKE cluster that does not enforce Kubernetes network policies: no
    /// `network_policy { enabled = true }`, no Dataplane V2
    /// (`datapath_provider = "ADVANCED_DATAPATH"`, which enforces them) and not Autopilot.
    ///
    /// Without enforcement, NetworkPolicy objects are silently ignored: every pod can reach
    /// every other pod, so one compromised workload can reach databases and control planes
    /// of the others.
    pub static CHECK = {
        id: "gcp-gke-no-network-policy",
        title: "GKE cluster does not enforce network policy",
        severity: Medium,
        risk_score: 5.0,
        provider: Google,
        service: "gke",
        formats: [Terraform, DeploymentManager],
        compliance: {
            NIST_800_53: ["SC-7", "AC-4"],
            ISO_27001: ["A.8.22"],
            SOC2: ["CC6.6"],
        },
        aliases: ["CKV_GCP_12", "AVD-GCP-0056", "google-gke-enable-network-policy"],
        remediation: "Use Dataplane V2 (`datapath_provider = \"ADVANCED_DATAPATH\"`), or set `network_policy { enabled = true }` with `addons_config { network_policy_config { disabled = false } }`.",
        references: ["https://cloud.google.com/kubernetes-engine/docs/how-to/network-policy"],
        examples: [
            tf_bad("Network policy turned off by a variable's default", r#"
variable "network_policy" {
  default = false
}

resource "google_container_cluster" "main" {
  name               = "main"
  location           = "europe-west1"
  initial_node_count = 1

  network_policy {
    enabled = var.network_policy
  }
}
"#),
            tf_good("Dataplane V2", r#"
resource "google_container_cluster" "main" {
  name               = "main"
  location           = "europe-west1"
  initial_node_count = 1
  datapath_provider  = "ADVANCED_DATAPATH"
}
"#),
            tf_good("Calico network policy", r#"
resource "google_container_cluster" "main" {
  name               = "main"
  location           = "europe-west1"
  initial_node_count = 1

  network_policy {
    enabled  = true
    provider = "CALICO"
  }

  addons_config {
    network_policy_config {
      disabled = false
    }
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
            dm_bad("Network policy turned off by the config's property", r"
imports:
- path: cluster.jinja

resources:
- name: app-cluster
  type: cluster.jinja
  properties:
    networkPolicy: false
# file: cluster.jinja
resources:
- name: {{ env['name'] }}
  type: container.v1.cluster
  properties:
    zone: europe-west1-b
    cluster:
      name: {{ env['name'] }}
      initialNodeCount: 3
      networkPolicy:
        enabled: {{ properties['networkPolicy'] }}
"),
            dm_good("Dataplane V2", r"
resources:
- name: dpv2-cluster
  type: container.v1.cluster
  properties:
    zone: europe-west1-b
    cluster:
      name: dpv2-cluster
      initialNodeCount: 3
      networkConfig:
        datapathProvider: ADVANCED_DATAPATH
"),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for c in &state.google.gke.clusters {
        let v = &c.network_policy;
        if v.is_false() {
            report.add(&c.resource, &v.meta, "Network policy is not enforced");
        } else if v.is_true() {
            report.pass(&c.resource);
        }
    }
}
