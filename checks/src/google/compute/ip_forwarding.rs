use crate::check::{Fix, Format, dm_bad, dm_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags a VM instance or instance template with `can_ip_forward` on.
    ///
    /// A VM that forwards packets can send and receive traffic for addresses other than its
    /// own, bypassing the routing and firewall design of the network. Only NAT or routing
    /// appliances need it.
    pub static CHECK = {
        id: "gcp-compute-ip-forwarding",
        title: "VM can forward IP packets",
        severity: Medium,
        risk_score: 4.5,
        provider: Google,
        service: "compute",
        formats: [Terraform, DeploymentManager],
        compliance: {
            CIS_GCP: ["4.6"],
            NIST_800_53: ["SC-7", "CM-7"],
            ISO_27001: ["A.8.20"],
            SOC2: ["CC6.6"],
        },
        aliases: ["CKV_GCP_36", "AVD-GCP-0043", "google-compute-no-ip-forwarding"],
        remediation: "Set `can_ip_forward = false` (the default) unless the VM is a network appliance; suppress the finding on such appliances with the reason.",
        references: ["https://cloud.google.com/vpc/docs/using-routes#canipforward"],
        examples: [
            tf_bad("Forwarding on for the first VM of a count", r#"
variable "replicas" {
  default = 2
}

resource "google_compute_instance" "proxy" {
  count          = var.replicas
  name           = "proxy-${count.index}"
  machine_type   = "e2-small"
  zone           = "europe-west1-b"
  can_ip_forward = count.index == 0

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
            tf_good("Forwarding left off", r#"
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
            dm_bad("Forwarding turned on for a NAT gateway by the config's property", r"
imports:
- path: gateway.jinja

resources:
- name: nat-gateway
  type: gateway.jinja
  properties:
    forward: true
# file: gateway.jinja
resources:
- name: {{ env['name'] }}
  type: compute.v1.instance
  properties:
    zone: europe-west1-b
    machineType: zones/europe-west1-b/machineTypes/e2-small
    canIpForward: {{ properties['forward'] }}
"),
            dm_good("Forwarding left off", r"
resources:
- name: web
  type: compute.v1.instance
  properties:
    zone: europe-west1-b
    machineType: zones/europe-west1-b/machineTypes/e2-small
"),
        ],
        fixes: [
            Fix::set(Format::Terraform, &["can_ip_forward"], "false"),
            Fix::set(Format::DeploymentManager, &["canIpForward"], "false"),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for vm in &state.google.compute.instances {
        let v = &vm.can_ip_forward;
        if v.is_true() {
            report.add(
                &vm.resource,
                &v.meta,
                format!("The {} can forward IP packets", vm.noun()),
            );
        } else if v.is_false() {
            report.pass(&vm.resource);
        }
    }
}
