use crate::check::{Fix, Format, dm_bad, dm_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags a GKE cluster whose logging service is `none`. A cluster that does not name a
    /// logging service sends its logs to Cloud Logging (the API's default since GKE 1.14);
    /// Autopilot clusters cannot turn logging off.
    ///
    /// Without cluster logs, the audit trail of what ran on the nodes and what the control
    /// plane's components did is gone: an intrusion or a misbehaving workload leaves nothing
    /// to investigate.
    pub static CHECK = {
        id: "gcp-gke-no-logging",
        title: "GKE cluster has Cloud Logging turned off",
        severity: Medium,
        risk_score: 4.5,
        provider: Google,
        service: "gke",
        formats: [Terraform, DeploymentManager],
        status: Preview,
        compliance: {
            NIST_800_53: ["AU-2", "AU-12"],
            ISO_27001: ["A.8.15"],
            SOC2: ["CC7.2"],
        },
        aliases: ["CKV_GCP_1", "google-gke-enable-stackdriver-logging"],
        remediation: "Remove `logging_service = \"none\"` (the default is `logging.googleapis.com/kubernetes`).",
        references: ["https://cloud.google.com/kubernetes-engine/docs/concepts/about-logs"],
        examples: [
            tf_bad("Logging turned off through a variable's default", r#"
variable "logging_service" {
  default = "none"
}

resource "google_container_cluster" "main" {
  name               = "main"
  location           = "europe-west1"
  initial_node_count = 1
  logging_service    = var.logging_service
}
"#),
            tf_good("The default logging service", r#"
resource "google_container_cluster" "main" {
  name               = "main"
  location           = "europe-west1"
  initial_node_count = 1
}
"#),
            dm_bad("Logging turned off from the config", r"
imports:
- path: cluster.jinja

resources:
- name: quiet-cluster
  type: cluster.jinja
  properties:
    logging: none
# file: cluster.jinja
resources:
- name: {{ env['name'] }}
  type: container.v1.cluster
  properties:
    zone: europe-west1-b
    cluster:
      name: {{ env['name'] }}
      initialNodeCount: 3
      loggingService: {{ properties['logging'] }}
"),
            dm_good("The default logging service", r"
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
            Fix::set(Format::Terraform, &["logging_service"], "\"logging.googleapis.com/kubernetes\""),
            Fix::set(Format::DeploymentManager, &["cluster", "loggingService"], "logging.googleapis.com/kubernetes"),
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
        let v = &c.logging_service;
        match v.as_str() {
            Some(s) if s.eq_ignore_ascii_case("none") && c.autopilot.is_false() => {
                report.add(&c.resource, &v.meta, "Cloud Logging is turned off (`none`)");
            }
            Some(s) if s.eq_ignore_ascii_case("none") => {}
            Some(_) => report.pass(&c.resource),
            None => {}
        }
    }
}
