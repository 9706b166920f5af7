use crate::check::{dm_bad, dm_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags a VM instance or instance template whose network interface has an
    /// `access_config`, which gives it an external IPv4 address (ephemeral or static).
    ///
    /// An external address puts the VM on the internet: only firewall rules stand between
    /// it and every scanner. Use Cloud NAT for outbound traffic and a load balancer or
    /// Identity-Aware Proxy for inbound.
    pub static CHECK = {
        id: "gcp-compute-public-ip",
        title: "VM has an external IP address",
        severity: Medium,
        risk_score: 5.5,
        provider: Google,
        service: "compute",
        formats: [Terraform, DeploymentManager],
        compliance: {
            CIS_GCP: ["4.9"],
            NIST_800_53: ["SC-7"],
            ISO_27001: ["A.8.20", "A.8.22"],
            SOC2: ["CC6.6"],
        },
        aliases: ["CKV_GCP_40", "AVD-GCP-0031", "google-compute-no-public-ip"],
        remediation: "Remove the `access_config` block from `network_interface`; give the subnet Cloud NAT for outbound access.",
        references: ["https://cloud.google.com/compute/docs/ip-addresses/reserve-static-external-ip-address"],
        examples: [
            tf_bad("An ephemeral external address", r#"
resource "google_compute_instance" "web" {
  name         = "web"
  machine_type = "e2-small"
  zone         = "europe-west1-b"

  boot_disk {
    initialize_params {
      image = "debian-cloud/debian-12"
    }
  }

  network_interface {
    network = "default"
    access_config {}
  }
}
"#),
            tf_bad("A static address reserved beside the template", r#"
resource "google_compute_address" "web" {
  name = "web"
}

resource "google_compute_instance_template" "web" {
  name_prefix  = "web-"
  machine_type = "e2-small"

  disk {
    source_image = "debian-cloud/debian-12"
  }

  network_interface {
    network = "default"
    access_config {
      nat_ip = google_compute_address.web.address
    }
  }
}
"#),
            tf_good("Internal address only", r#"
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
    subnetwork = "projects/example/regions/europe-west1/subnetworks/private"
  }
}
"#),
            tf_good("An access config from a variable without a value is not guessed", r#"
variable "access_configs" {
  type = list(object({ nat_ip = string }))
}

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

    dynamic "access_config" {
      for_each = var.access_configs
      content {
        nat_ip = access_config.value.nat_ip
      }
    }
  }
}
"#),
            dm_bad("An ephemeral external address when the config asks for one", r"
imports:
- path: vm.jinja

resources:
- name: web
  type: vm.jinja
  properties:
    external: true
# file: vm.jinja
resources:
- name: {{ env['name'] }}
  type: compute.v1.instance
  properties:
    zone: europe-west1-b
    machineType: zones/europe-west1-b/machineTypes/e2-small
    networkInterfaces:
    - network: global/networks/default
{% if properties['external'] %}
      accessConfigs:
      - name: External NAT
        type: ONE_TO_ONE_NAT
{% endif %}
"),
            dm_good("Internal address only, on a network of the deployment", r"
resources:
- name: app-net
  type: compute.v1.network
  properties:
    autoCreateSubnetworks: true
- name: app
  type: compute.v1.instance
  properties:
    zone: europe-west1-b
    machineType: zones/europe-west1-b/machineTypes/e2-small
    networkInterfaces:
    - network: $(ref.app-net.selfLink)
"),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for vm in &state.google.compute.instances {
        let mut failed = false;
        let mut decided = !vm.network_interfaces_incomplete;
        for nic in &vm.network_interfaces {
            if let Some(config) = nic.access_configs.first() {
                failed = true;
                report.add(
                    &vm.resource,
                    config,
                    format!("The {} gets an external IP address", vm.noun()),
                );
            }
            decided &= !nic.access_configs_incomplete;
        }
        if !failed && decided {
            report.pass(&vm.resource);
        }
    }
}
