use crate::check::{Fix, Format, dm_bad, dm_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags a GKE cluster with legacy ABAC (attribute-based access control) enabled.
    ///
    /// Legacy ABAC grants broad, static permissions outside Kubernetes RBAC: with it on,
    /// service accounts and users can get rights RBAC would refuse, and RBAC policies give
    /// a false sense of control.
    pub static CHECK = {
        id: "gcp-gke-legacy-abac",
        title: "GKE cluster has legacy ABAC enabled",
        severity: High,
        risk_score: 7.5,
        provider: Google,
        service: "gke",
        formats: [Terraform, DeploymentManager],
        compliance: {
            NIST_800_53: ["AC-3", "AC-6"],
            ISO_27001: ["A.5.15", "A.8.2"],
            SOC2: ["CC6.3"],
        },
        aliases: ["CKV_GCP_7", "AVD-GCP-0062", "google-gke-use-rbac-permissions"],
        remediation: "Set `enable_legacy_abac = false` (the default) and grant access with Kubernetes RBAC.",
        references: ["https://cloud.google.com/kubernetes-engine/docs/how-to/hardening-your-cluster#leave_abac_disabled_default_for_110"],
        examples: [
            tf_bad("Legacy ABAC on through a variable's default", r#"
variable "legacy_abac" {
  default = true
}

resource "google_container_cluster" "main" {
  name               = "main"
  location           = "europe-west1"
  initial_node_count = 1
  enable_legacy_abac = var.legacy_abac
}
"#),
            tf_good("RBAC only", r#"
resource "google_container_cluster" "main" {
  name               = "main"
  location           = "europe-west1"
  initial_node_count = 1
}
"#),
            dm_bad("Legacy ABAC on through the schema's default", r"
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
      legacyAbac:
        enabled: {{ properties['abac'] }}
# file: cluster.jinja.schema
properties:
  abac:
    type: boolean
    default: true
"),
            dm_good("RBAC only", r"
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
            Fix::set(Format::Terraform, &["enable_legacy_abac"], "false"),
            Fix::set(Format::DeploymentManager, &["cluster", "legacyAbac", "enabled"], "false"),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for c in &state.google.gke.clusters {
        let v = &c.legacy_abac;
        if v.is_true() {
            report.add(&c.resource, &v.meta, "Legacy ABAC is enabled");
        } else if v.is_false() {
            report.pass(&c.resource);
        }
    }
}
