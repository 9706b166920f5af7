use crate::check::{dm_bad, dm_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags a GKE cluster that does not use private nodes
    /// (`private_cluster_config.enable_private_nodes` is false or the block is absent).
    ///
    /// Without private nodes, every node gets an external IP address and is reachable from
    /// the internet wherever firewall rules allow, including the kubelet and NodePort
    /// services.
    pub static CHECK = {
        id: "gcp-gke-no-private-nodes",
        title: "GKE cluster nodes have external IP addresses",
        severity: Medium,
        risk_score: 5.5,
        provider: Google,
        service: "gke",
        formats: [Terraform, DeploymentManager],
        compliance: {
            NIST_800_53: ["SC-7"],
            ISO_27001: ["A.8.20", "A.8.22"],
            SOC2: ["CC6.6"],
        },
        aliases: ["CKV_GCP_25", "AVD-GCP-0059", "google-gke-enable-private-cluster"],
        remediation: "Add `private_cluster_config { enable_private_nodes = true }` (with `master_ipv4_cidr_block` where needed) and give the nodes Cloud NAT for outbound traffic.",
        references: ["https://cloud.google.com/kubernetes-engine/docs/concepts/private-cluster-concept"],
        examples: [
            tf_bad("No private cluster configuration", r#"
resource "google_container_cluster" "main" {
  name               = "main"
  location           = "europe-west1"
  initial_node_count = 1
}
"#),
            tf_good("Private nodes, endpoint from a local", r#"
locals {
  master_cidr = "172.16.0.0/28"
}

resource "google_container_cluster" "main" {
  name               = "main"
  location           = "europe-west1"
  initial_node_count = 1

  private_cluster_config {
    enable_private_nodes    = true
    enable_private_endpoint = false
    master_ipv4_cidr_block  = local.master_cidr
  }
}
"#),
            tf_good("A setting from a variable without a value is not guessed", r#"
variable "private_nodes" {
  type = bool
}

resource "google_container_cluster" "main" {
  name               = "main"
  location           = "europe-west1"
  initial_node_count = 1

  private_cluster_config {
    enable_private_nodes = var.private_nodes
  }
}
"#),
            dm_bad("No private cluster configuration", r"
resources:
- name: public-cluster
  type: container.v1.cluster
  properties:
    zone: europe-west1-b
    cluster:
      name: public-cluster
      initialNodeCount: 3
"),
            dm_good("Private nodes from the config's property", r"
imports:
- path: cluster.jinja

resources:
- name: private-cluster
  type: cluster.jinja
  properties:
    private: true
# file: cluster.jinja
resources:
- name: {{ env['name'] }}
  type: container.v1.cluster
  properties:
    zone: europe-west1-b
    cluster:
      name: {{ env['name'] }}
      initialNodeCount: 3
      privateClusterConfig:
        enablePrivateNodes: {{ properties['private'] }}
        masterIpv4CidrBlock: 172.16.0.32/28
"),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for c in &state.google.gke.clusters {
        let v = &c.private_nodes;
        if v.is_false() {
            report.add(&c.resource, &v.meta, "The cluster's nodes are not private");
        } else if v.is_true() {
            report.pass(&c.resource);
        }
    }
}
