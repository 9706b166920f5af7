use crate::check::{dm_bad, dm_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags a VM instance or instance template whose metadata does not set
    /// `block-project-ssh-keys` to true (absent counts: project-wide keys are then accepted).
    ///
    /// Project-wide SSH keys open every VM of the project: one leaked key, or one departed
    /// employee's key left in project metadata, reaches them all.
    pub static CHECK = {
        id: "gcp-compute-project-ssh-keys",
        title: "VM accepts project-wide SSH keys",
        severity: Medium,
        risk_score: 4.5,
        provider: Google,
        service: "compute",
        formats: [Terraform, DeploymentManager],
        compliance: {
            CIS_GCP: ["4.3"],
            NIST_800_53: ["AC-2", "IA-5"],
            ISO_27001: ["A.5.17", "A.8.5"],
            SOC2: ["CC6.1"],
        },
        aliases: ["CKV_GCP_32", "AVD-GCP-0030", "google-compute-no-project-wide-ssh-keys"],
        remediation: "Set `block-project-ssh-keys = \"TRUE\"` in the instance metadata (or use OS Login).",
        references: ["https://cloud.google.com/compute/docs/connect/restrict-ssh-keys#block-keys"],
        examples: [
            tf_bad("No metadata", r#"
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
}
"#),
            tf_bad("Turned off through a variable's default", r#"
variable "block_project_keys" {
  default = "FALSE"
}

resource "google_compute_instance_template" "app" {
  name_prefix  = "app-"
  machine_type = "e2-small"

  disk {
    source_image = "debian-cloud/debian-12"
  }

  network_interface {
    network = "default"
  }

  metadata = {
    block-project-ssh-keys = var.block_project_keys
  }
}
"#),
            tf_good("Project keys blocked", r#"
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
    block-project-ssh-keys = true
  }
}
"#),
            dm_bad("No metadata", r"
resources:
- name: bastion
  type: compute.v1.instance
  properties:
    zone: europe-west1-b
    machineType: zones/europe-west1-b/machineTypes/e2-micro
"),
            dm_good("Project keys blocked by the config's property", r"
imports:
- path: vm.jinja

resources:
- name: app
  type: vm.jinja
  properties:
    blockProjectKeys: true
# file: vm.jinja
resources:
- name: {{ env['name'] }}
  type: compute.v1.instance
  properties:
    zone: europe-west1-b
    machineType: zones/europe-west1-b/machineTypes/e2-small
    metadata:
      items:
      - key: block-project-ssh-keys
        value: {{ properties['blockProjectKeys'] }}
"),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for vm in &state.google.compute.instances {
        let v = &vm.block_project_ssh_keys;
        if v.is_false() {
            report.add(
                &vm.resource,
                &v.meta,
                format!(
                    "The {} does not block project-wide SSH keys (`block-project-ssh-keys` is not TRUE)",
                    vm.noun()
                ),
            );
        } else if v.is_true() {
            report.pass(&vm.resource);
        }
    }
}
