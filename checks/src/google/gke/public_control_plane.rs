use crate::check::{dm_bad, dm_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags a GKE cluster whose control plane has a public endpoint (no
    /// `enable_private_endpoint`) that admits the whole internet: no
    /// `master_authorized_networks_config`, or one that lists `0.0.0.0/0`.
    ///
    /// The Kubernetes API server then answers every address: it is scanned and probed for
    /// anonymous access and API-server vulnerabilities, and a leaked kubeconfig works from
    /// anywhere.
    pub static CHECK = {
        id: "gcp-gke-public-control-plane",
        title: "GKE control plane is open to the internet",
        severity: Medium,
        risk_score: 6.0,
        provider: Google,
        service: "gke",
        formats: [Terraform, DeploymentManager],
        status: Preview,
        compliance: {
            NIST_800_53: ["SC-7", "AC-17"],
            ISO_27001: ["A.8.20", "A.8.22"],
            SOC2: ["CC6.6"],
        },
        aliases: ["CKV_GCP_20", "AVD-GCP-0061"],
        remediation: "Add `master_authorized_networks_config` with your administration ranges, or make the endpoint private (`private_cluster_config { enable_private_endpoint = true }`).",
        references: ["https://cloud.google.com/kubernetes-engine/docs/how-to/authorized-networks"],
        examples: [
            tf_bad("No authorized networks", r#"
resource "google_container_cluster" "main" {
  name               = "main"
  location           = "europe-west1"
  initial_node_count = 1
}
"#),
            tf_bad("Authorized networks from a variable's default include everyone", r#"
variable "admin_cidrs" {
  default = {
    office   = "203.0.113.0/24"
    anywhere = "0.0.0.0/0"
  }
}

resource "google_container_cluster" "main" {
  name               = "main"
  location           = "europe-west1"
  initial_node_count = 1

  master_authorized_networks_config {
    dynamic "cidr_blocks" {
      for_each = var.admin_cidrs
      content {
        display_name = cidr_blocks.key
        cidr_block   = cidr_blocks.value
      }
    }
  }
}
"#),
            tf_good("The office range only", r#"
resource "google_container_cluster" "main" {
  name               = "main"
  location           = "europe-west1"
  initial_node_count = 1

  master_authorized_networks_config {
    cidr_blocks {
      display_name = "office"
      cidr_block   = "203.0.113.0/24"
    }
  }
}
"#),
            tf_good("A private endpoint", r#"
resource "google_container_cluster" "main" {
  name               = "main"
  location           = "europe-west1"
  initial_node_count = 1

  private_cluster_config {
    enable_private_nodes    = true
    enable_private_endpoint = true
    master_ipv4_cidr_block  = "172.16.0.0/28"
  }
}
"#),
            dm_bad("No authorized networks", r"
resources:
- name: open-cluster
  type: container.v1.cluster
  properties:
    zone: europe-west1-b
    cluster:
      name: open-cluster
      initialNodeCount: 3
"),
            dm_good("The office ranges from the config only", r"
imports:
- path: cluster.jinja

resources:
- name: office-cluster
  type: cluster.jinja
  properties:
    adminRanges:
    - 203.0.113.0/24
    - 198.51.100.0/24
# file: cluster.jinja
resources:
- name: {{ env['name'] }}
  type: container.v1.cluster
  properties:
    zone: europe-west1-b
    cluster:
      name: {{ env['name'] }}
      initialNodeCount: 3
      masterAuthorizedNetworksConfig:
        enabled: true
        cidrBlocks:
{% for r in properties['adminRanges'] %}
        - displayName: admin-{{ loop.index }}
          cidrBlock: {{ r }}
{% endfor %}
"),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for c in &state.google.gke.clusters {
        if c.private_endpoint.is_true() {
            report.pass(&c.resource);
            continue;
        }
        if !c.private_endpoint.is_false() {
            continue;
        }
        let networks = &c.master_authorized_networks;
        match networks.known() {
            Some(None) => report.add(
                &c.resource,
                &networks.meta,
                "The control plane's public endpoint has no authorized networks",
            ),
            Some(Some(cidrs)) => {
                if let Some(open) = cidrs.iter().find(|c| c.is(|c| c.trim() == "0.0.0.0/0")) {
                    report.add(
                        &c.resource,
                        &open.meta,
                        "The control plane's authorized networks include 0.0.0.0/0",
                    );
                } else if cidrs.iter().all(|c| c.known().is_some()) {
                    report.pass(&c.resource);
                }
            }
            None => {}
        }
    }
}
