use crate::check::{dm_bad, dm_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags a VM instance or instance template whose metadata sets `enable-oslogin` to
    /// false, overriding the project's OS Login setting. An instance that does not set the
    /// key follows the project and gets no verdict.
    ///
    /// OS Login ties SSH access to IAM (with 2-step verification and automatic revocation
    /// when someone leaves); turning it off on a VM falls back to SSH keys in metadata that
    /// nobody reviews.
    pub static CHECK = {
        id: "gcp-compute-os-login-off",
        title: "VM turns OS Login off",
        severity: Medium,
        risk_score: 4.5,
        provider: Google,
        service: "compute",
        formats: [Terraform, DeploymentManager],
        status: Preview,
        compliance: {
            CIS_GCP: ["4.4"],
            NIST_800_53: ["AC-2", "IA-2"],
            ISO_27001: ["A.5.16", "A.8.5"],
            SOC2: ["CC6.1"],
        },
        aliases: ["CKV_GCP_34", "AVD-GCP-0036"],
        remediation: "Remove `enable-oslogin` from the instance metadata (and enable OS Login on the project), or set it to `\"TRUE\"`.",
        references: ["https://cloud.google.com/compute/docs/oslogin/set-up-oslogin"],
        examples: [
            tf_bad("OS Login off on a template, from a local", r#"
locals {
  metadata = {
    enable-oslogin         = "FALSE"
    block-project-ssh-keys = "TRUE"
  }
}

resource "google_compute_instance_template" "legacy" {
  name_prefix  = "legacy-"
  machine_type = "e2-small"

  disk {
    source_image = "debian-cloud/debian-12"
  }

  network_interface {
    network = "default"
  }

  metadata = local.metadata
}
"#),
            tf_good("OS Login on", r#"
resource "google_compute_instance" "app" {
  name         = "app"
  machine_type = "e2-small"
  zone         = "europe-west1-b"

  boot_disk {
    initialize_params {
      image = "debian-cloud/debian-12"
    }
  }

  network_interface {
    network = "default"
  }

  metadata = {
    enable-oslogin = "TRUE"
  }
}
"#),
            dm_bad("OS Login turned off by the config's property", r#"
imports:
- path: vm.jinja

resources:
- name: legacy
  type: vm.jinja
  properties:
    osLogin: "FALSE"
# file: vm.jinja
resources:
- name: {{ env['name'] }}
  type: compute.v1.instance
  properties:
    zone: europe-west1-b
    machineType: zones/europe-west1-b/machineTypes/e2-small
    metadata:
      items:
      - key: enable-oslogin
        value: "{{ properties['osLogin'] }}"
"#),
            dm_good("OS Login on", r#"
resources:
- name: web
  type: compute.v1.instance
  properties:
    zone: europe-west1-b
    machineType: zones/europe-west1-b/machineTypes/e2-small
    metadata:
      items:
      - key: enable-oslogin
        value: "TRUE"
"#),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for vm in &state.google.compute.instances {
        let v = &vm.os_login_enabled;
        if v.is_false() {
            report.add(
                &vm.resource,
                &v.meta,
                format!("The {}'s metadata turns OS Login off", vm.noun()),
            );
        } else if v.is_true() {
            report.pass(&vm.resource);
        }
    }
}
