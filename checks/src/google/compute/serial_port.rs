use crate::check::{dm_bad, dm_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags a VM instance or instance template whose metadata sets `serial-port-enable`
    /// to true.
    ///
    /// The interactive serial console accepts connections from any IP address and is not
    /// governed by firewall rules: anyone with the right IAM permission and SSH key gets a
    /// console on the VM.
    pub static CHECK = {
        id: "gcp-compute-serial-port",
        title: "VM enables the interactive serial port",
        severity: Medium,
        risk_score: 5.0,
        provider: Google,
        service: "compute",
        formats: [Terraform, DeploymentManager],
        compliance: {
            CIS_GCP: ["4.5"],
            NIST_800_53: ["AC-17", "CM-7"],
            ISO_27001: ["A.8.20"],
            SOC2: ["CC6.6"],
        },
        aliases: ["CKV_GCP_35", "AVD-GCP-0032", "google-compute-no-serial-port"],
        remediation: "Remove `serial-port-enable` from the instance metadata, or set it to `\"FALSE\"`.",
        references: ["https://cloud.google.com/compute/docs/troubleshooting/troubleshooting-using-serial-console"],
        examples: [
            tf_bad("Serial port turned on for debugging", r#"
resource "google_compute_instance" "db" {
  name         = "db"
  machine_type = "e2-standard-4"
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
    serial-port-enable = "TRUE"
  }
}
"#),
            tf_bad("Metadata merged from a local map", r#"
locals {
  debug_metadata = {
    serial-port-enable = true
  }
}

resource "google_compute_instance_template" "db" {
  name_prefix  = "db-"
  machine_type = "e2-standard-4"

  disk {
    source_image = "debian-cloud/debian-12"
  }

  network_interface {
    network = "default"
  }

  metadata = merge(local.debug_metadata, { block-project-ssh-keys = "TRUE" })
}
"#),
            tf_good("No serial port in the metadata", r#"
resource "google_compute_instance" "db" {
  name         = "db"
  machine_type = "e2-standard-4"
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
    block-project-ssh-keys = "TRUE"
  }
}
"#),
            tf_good("Metadata from a variable without a value is not guessed", r#"
variable "metadata" {
  type = map(string)
}

resource "google_compute_instance" "db" {
  name         = "db"
  machine_type = "e2-standard-4"
  zone         = "europe-west1-b"

  boot_disk {
    initialize_params {
      image = "debian-cloud/debian-12"
    }
  }

  network_interface {
    network = "default"
  }

  metadata = var.metadata
}
"#),
            dm_bad("Serial port turned on for debugging by the config's property", r"
imports:
- path: vm.jinja

resources:
- name: debug-box
  type: vm.jinja
  properties:
    debug: true
# file: vm.jinja
resources:
- name: {{ env['name'] }}
  type: compute.v1.instance
  properties:
    zone: europe-west1-b
    machineType: zones/europe-west1-b/machineTypes/e2-small
    metadata:
      items:
      - key: serial-port-enable
        value: {{ properties['debug'] }}
"),
            dm_good("No serial port in the metadata", r"
resources:
- name: web
  type: compute.v1.instance
  properties:
    zone: europe-west1-b
    machineType: zones/europe-west1-b/machineTypes/e2-small
    metadata:
      items:
      - key: startup-script
        value: apt-get update
"),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for vm in &state.google.compute.instances {
        let v = &vm.serial_port_enabled;
        if v.is_true() {
            report.add(
                &vm.resource,
                &v.meta,
                format!("The {}'s metadata enables the serial port", vm.noun()),
            );
        } else if v.is_false() {
            report.pass(&vm.resource);
        }
    }
}
