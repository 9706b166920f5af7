use crate::check::{dm_bad, dm_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;
use cloudsentinel_model::google::network::PURPOSES_WITHOUT_FLOW_LOGS;

declare_check! {
    /// Flags a VPC subnetwork with flow logs off (no `log_config` block). Proxy-only and
    /// Private Service Connect subnetworks, which carry no VM traffic and support no flow
    /// logs, are not flagged.
    ///
    /// Flow logs record who talked to whom: without them, an intrusion or exfiltration
    /// leaves no network trace to investigate.
    pub static CHECK = {
        id: "gcp-vpc-no-flow-logs",
        title: "VPC subnetwork has flow logs off",
        severity: Low,
        risk_score: 3.0,
        provider: Google,
        service: "vpc",
        formats: [Terraform, DeploymentManager],
        compliance: {
            CIS_GCP: ["3.8"],
            NIST_800_53: ["AU-2", "AU-12", "SI-4"],
            ISO_27001: ["A.8.15", "A.8.16"],
            SOC2: ["CC7.2"],
        },
        aliases: ["CKV_GCP_26", "AVD-GCP-0029", "AVD-GCP-0076", "google-compute-enable-vpc-flow-logs"],
        remediation: "Add a `log_config` block (for example `aggregation_interval = \"INTERVAL_5_SEC\"`, `flow_sampling = 0.5`, `metadata = \"INCLUDE_ALL_METADATA\"`).",
        references: ["https://cloud.google.com/vpc/docs/using-flow-logs"],
        examples: [
            tf_bad("A subnetwork of each region without logs", r#"
variable "regions" {
  default = { "europe-west1" = "10.10.0.0/20" }
}

resource "google_compute_network" "vpc" {
  name                    = "prod"
  auto_create_subnetworks = false
}

resource "google_compute_subnetwork" "regional" {
  for_each      = var.regions
  name          = "prod-${each.key}"
  region        = each.key
  ip_cidr_range = each.value
  network       = google_compute_network.vpc.id
}
"#),
            tf_good("Flow logs on", r#"
resource "google_compute_subnetwork" "app" {
  name          = "app"
  region        = "europe-west1"
  ip_cidr_range = "10.10.0.0/20"
  network       = "prod"

  log_config {
    aggregation_interval = "INTERVAL_5_SEC"
    flow_sampling        = 0.5
    metadata             = "INCLUDE_ALL_METADATA"
  }
}
"#),
            tf_good("A proxy-only subnetwork cannot log flows", r#"
resource "google_compute_subnetwork" "proxy" {
  name          = "proxy-only"
  region        = "europe-west1"
  ip_cidr_range = "10.129.0.0/23"
  network       = "prod"
  purpose       = "REGIONAL_MANAGED_PROXY"
  role          = "ACTIVE"
}
"#),
            dm_bad("A subnetwork of each region without logs, one region in the config", r"
imports:
- path: subnets.jinja

resources:
- name: app
  type: subnets.jinja
  properties:
    regions:
    - europe-west1
# file: subnets.jinja
resources:
{% for region in properties['regions'] %}
- name: {{ env['name'] }}-{{ region }}
  type: compute.v1.subnetwork
  properties:
    region: {{ region }}
    network: global/networks/app
    ipCidrRange: 10.{{ loop.index }}.0.0/20
{% endfor %}
"),
            dm_good("Flow logs on", r"
resources:
- name: app-net
  type: compute.v1.network
  properties:
    autoCreateSubnetworks: false
- name: app-europe
  type: compute.v1.subnetwork
  properties:
    region: europe-west1
    network: $(ref.app-net.selfLink)
    ipCidrRange: 10.0.0.0/20
    logConfig:
      enable: true
"),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for s in &state.google.network.subnetworks {
        if !s.purpose.is(|p| {
            !PURPOSES_WITHOUT_FLOW_LOGS
                .iter()
                .any(|x| p.eq_ignore_ascii_case(x))
        }) {
            continue;
        }
        let v = &s.flow_logs;
        if v.is_false() {
            report.add(
                &s.resource,
                &v.meta,
                "Flow logs are off for this subnetwork",
            );
        } else if v.is_true() {
            report.pass(&s.resource);
        }
    }
}
