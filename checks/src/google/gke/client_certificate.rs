use crate::check::{dm_bad, dm_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags a GKE cluster that issues a client certificate
    /// (`master_auth.client_certificate_config.issue_client_certificate = true`).
    ///
    /// The certificate is a static, non-revocable credential with cluster-admin-level
    /// rights stored in the cluster's configuration; anyone who reads it keeps access until
    /// the cluster's CA is rotated.
    pub static CHECK = {
        id: "gcp-gke-client-certificate",
        title: "GKE cluster issues a client certificate",
        severity: Medium,
        risk_score: 5.5,
        provider: Google,
        service: "gke",
        formats: [Terraform, DeploymentManager],
        status: Preview,
        compliance: {
            NIST_800_53: ["IA-5", "AC-2"],
            ISO_27001: ["A.5.17"],
            SOC2: ["CC6.1"],
        },
        aliases: ["CKV_GCP_13", "AVD-GCP-0064", "google-gke-no-legacy-authentication"],
        remediation: "Remove `client_certificate_config` (or set `issue_client_certificate = false`) and authenticate with Google identities.",
        references: ["https://cloud.google.com/kubernetes-engine/docs/how-to/api-server-authentication#legacy-auth"],
        examples: [
            tf_bad("A client certificate issued for an old CI system", r#"
variable "issue_client_certificate" {
  default = true
}

resource "google_container_cluster" "main" {
  name               = "main"
  location           = "europe-west1"
  initial_node_count = 1

  master_auth {
    client_certificate_config {
      issue_client_certificate = var.issue_client_certificate
    }
  }
}
"#),
            tf_good("No client certificate", r#"
resource "google_container_cluster" "main" {
  name               = "main"
  location           = "europe-west1"
  initial_node_count = 1
}
"#),
            dm_bad("A client certificate issued for an old CI system, from the config", r"
imports:
- path: cluster.jinja

resources:
- name: ci-cluster
  type: cluster.jinja
  properties:
    clientCertificate: true
# file: cluster.jinja
resources:
- name: {{ env['name'] }}
  type: container.v1.cluster
  properties:
    zone: europe-west1-b
    cluster:
      name: {{ env['name'] }}
      initialNodeCount: 3
      masterAuth:
        clientCertificateConfig:
          issueClientCertificate: {{ properties['clientCertificate'] }}
"),
            dm_good("No client certificate", r"
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
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for c in &state.google.gke.clusters {
        let v = &c.issue_client_certificate;
        if v.is_true() {
            report.add(
                &c.resource,
                &v.meta,
                "The cluster issues a client certificate",
            );
        } else if v.is_false() {
            report.pass(&c.resource);
        }
    }
}
