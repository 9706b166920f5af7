use crate::check::{Fix, Format, dm_bad, dm_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags a GKE cluster whose monitoring service is `none`. A cluster that does not name a
    /// monitoring service sends metrics to Cloud Monitoring (the API's default since GKE
    /// 1.14); Autopilot clusters cannot turn monitoring off.
    ///
    /// Without cluster metrics, resource exhaustion, crash loops and the sudden load of a
    /// cryptominer or a denial of service go unnoticed, and alerting has nothing to act on.
    pub static CHECK = {
        id: "gcp-gke-no-monitoring",
        title: "GKE cluster has Cloud Monitoring turned off",
        severity: Medium,
        risk_score: 4.5,
        provider: Google,
        service: "gke",
        formats: [Terraform, DeploymentManager],
        status: Preview,
        compliance: {
            NIST_800_53: ["SI-4", "AU-6"],
            ISO_27001: ["A.8.16"],
            SOC2: ["CC7.2"],
        },
        aliases: ["CKV_GCP_8", "google-gke-enable-stackdriver-monitoring"],
        remediation: "Remove `monitoring_service = \"none\"` (the default is `monitoring.googleapis.com/kubernetes`).",
        references: ["https://cloud.google.com/kubernetes-engine/docs/how-to/configure-metrics"],
        examples: [
            tf_bad("Monitoring turned off through a variable's default", r#"
variable "monitoring_service" {
  default = "none"
}

resource "google_container_cluster" "main" {
  name               = "main"
  location           = "europe-west1"
  initial_node_count = 1
  monitoring_service    = var.monitoring_service
}
"#),
            tf_good("The default monitoring service", r#"
resource "google_container_cluster" "main" {
  name               = "main"
  location           = "europe-west1"
  initial_node_count = 1
}
"#),
            dm_bad("Monitoring turned off from the config", r"
imports:
- path: cluster.jinja

resources:
- name: unwatched-cluster
  type: cluster.jinja
  properties:
    monitoring: none
# file: cluster.jinja
resources:
- name: {{ env['name'] }}
  type: container.v1.cluster
  properties:
    zone: europe-west1-b
    cluster:
      name: {{ env['name'] }}
      initialNodeCount: 3
      monitoringService: {{ properties['monitoring'] }}
"),
            dm_good("The default monitoring service", r"
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
            Fix::set(Format::Terraform, &["monitoring_service"], "\"monitoring.googleapis.com/kubernetes\""),
            Fix::set(Format::DeploymentManager, &["cluster", "monitoringService"], "monitoring.googleapis.com/kubernetes"),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for c in &state.google.gke.clusters {
        if c.autopilot.is_true() {
            report.pass(&c.resource);
            continue;
        }
        let v = &c.monitoring_service;
        match v.as_str() {
            Some(s) if s.eq_ignore_ascii_case("none") && c.autopilot.is_false() => {
                report.add(
                    &c.resource,
                    &v.meta,
                    "Cloud Monitoring is turned off (`none`)",
                );
            }
            Some(s) if s.eq_ignore_ascii_case("none") => {}
            Some(_) => report.pass(&c.resource),
            None => {}
        }
    }
}
