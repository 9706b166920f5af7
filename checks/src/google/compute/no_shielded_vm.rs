use crate::check::{dm_bad, dm_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags a VM instance or instance template whose Shielded VM secure boot, vTPM or
    /// integrity monitoring is off. Secure boot is off unless `shielded_instance_config`
    /// turns it on; vTPM and integrity monitoring are on unless turned off.
    ///
    /// Shielded VM verifies the boot chain and measures it, so boot-level malware and
    /// rootkits are refused or detected.
    pub static CHECK = {
        id: "gcp-compute-no-shielded-vm",
        title: "VM does not use every Shielded VM protection",
        severity: Low,
        risk_score: 3.0,
        provider: Google,
        service: "compute",
        formats: [Terraform, DeploymentManager],
        compliance: {
            CIS_GCP: ["4.8"],
            NIST_800_53: ["SI-7"],
            ISO_27001: ["A.8.7"],
            SOC2: ["CC7.1"],
        },
        aliases: ["CKV_GCP_39", "AVD-GCP-0041", "AVD-GCP-0045", "AVD-GCP-0067", "google-compute-enable-shielded-vm"],
        remediation: "Use a Shielded VM image and set `shielded_instance_config { enable_secure_boot = true, enable_vtpm = true, enable_integrity_monitoring = true }`.",
        references: ["https://cloud.google.com/compute/shielded-vm/docs/shielded-vm"],
        examples: [
            tf_bad("No shielded configuration: secure boot is off", r#"
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
            tf_bad("Integrity monitoring turned off by a variable's default", r#"
variable "integrity_monitoring" {
  default = false
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

  shielded_instance_config {
    enable_secure_boot          = true
    enable_integrity_monitoring = var.integrity_monitoring
  }
}
"#),
            tf_good("Secure boot on, vTPM and integrity monitoring left on", r#"
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

  shielded_instance_config {
    enable_secure_boot = true
  }
}
"#),
            dm_bad("No shielded configuration: secure boot is off", r"
resources:
- name: legacy-app
  type: compute.v1.instance
  properties:
    zone: europe-west1-b
    machineType: zones/europe-west1-b/machineTypes/e2-small
"),
            dm_good("Secure boot on from the schema's default, vTPM and integrity monitoring left on", r"
imports:
- path: vm.jinja

resources:
- name: hardened
  type: vm.jinja
# file: vm.jinja
resources:
- name: {{ env['name'] }}
  type: compute.v1.instance
  properties:
    zone: europe-west1-b
    machineType: zones/europe-west1-b/machineTypes/e2-small
    shieldedInstanceConfig:
      enableSecureBoot: {{ properties['secureBoot'] }}
# file: vm.jinja.schema
properties:
  secureBoot:
    type: boolean
    default: true
"),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for vm in &state.google.compute.instances {
        let settings = [
            (&vm.secure_boot, "secure boot"),
            (&vm.vtpm, "vTPM"),
            (&vm.integrity_monitoring, "integrity monitoring"),
        ];
        let off: Vec<_> = settings.iter().filter(|(v, _)| v.is_false()).collect();
        if let Some((first, _)) = off.first() {
            let names: Vec<&str> = off.iter().map(|(_, n)| *n).collect();
            report.add(
                &vm.resource,
                &first.meta,
                format!("Shielded VM {} is off", names.join(", ")),
            );
        } else if settings.iter().all(|(v, _)| v.is_true()) {
            report.pass(&vm.resource);
        }
    }
}
