use crate::check::{dm_bad, dm_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use crate::google::public_firewall;
use cloudsentinel_model::State;

declare_check! {
    /// Flags an enabled INGRESS firewall rule from `0.0.0.0/0` or `::/0` that allows every
    /// protocol (`all`), or every port of TCP, UDP or SCTP (no port list, or `0-65535`).
    ///
    /// Such a rule exposes every service the targeted VMs run, including ones never meant to
    /// leave the host (databases, admin consoles, debug ports).
    pub static CHECK = {
        id: "gcp-firewall-public-all-ports",
        title: "Firewall rule allows all ports from the internet",
        severity: Critical,
        risk_score: 9.0,
        provider: Google,
        service: "firewall",
        formats: [Terraform, DeploymentManager],
        compliance: {
            NIST_800_53: ["SC-7", "CM-7"],
            ISO_27001: ["A.8.20", "A.8.22"],
            SOC2: ["CC6.6"],
        },
        aliases: ["AVD-GCP-0027", "AVD-GCP-0072", "google-compute-no-public-ingress"],
        remediation: "Allow only the protocols and ports the service needs, from the narrowest source ranges that work.",
        references: ["https://cloud.google.com/firewall/docs/firewalls"],
        examples: [
            tf_bad("Every protocol from anywhere", r#"
resource "google_compute_firewall" "open" {
  name          = "allow-all"
  network       = "default"
  source_ranges = ["0.0.0.0/0"]

  allow {
    protocol = "all"
  }
}
"#),
            tf_bad("All TCP ports from a local's range", r#"
locals {
  anywhere = "0.0.0.0/0"
}

resource "google_compute_firewall" "tcp" {
  name          = "allow-tcp"
  network       = "default"
  source_ranges = [local.anywhere]

  allow {
    protocol = "tcp"
    ports    = ["0-65535"]
  }
}
"#),
            tf_good("Every protocol, but only inside the VPC", r#"
resource "google_compute_firewall" "internal" {
  name          = "allow-internal"
  network       = "default"
  source_ranges = ["10.128.0.0/9"]

  allow {
    protocol = "all"
  }
}
"#),
            tf_good("Web ports from anywhere", r#"
resource "google_compute_firewall" "web" {
  name          = "allow-web"
  network       = "default"
  source_ranges = ["0.0.0.0/0"]

  allow {
    protocol = "tcp"
    ports    = ["80", "443"]
  }
}
"#),
            tf_good("An egress rule", r#"
resource "google_compute_firewall" "egress" {
  name               = "allow-egress"
  network            = "default"
  direction          = "EGRESS"
  destination_ranges = ["0.0.0.0/0"]

  allow {
    protocol = "all"
  }
}
"#),
            dm_bad("Every protocol from the config's range", r"
imports:
- path: firewall.jinja

resources:
- name: allow-everything
  type: firewall.jinja
  properties:
    sources:
    - 0.0.0.0/0
# file: firewall.jinja
resources:
- name: {{ env['name'] }}
  type: compute.v1.firewall
  properties:
    network: global/networks/default
    sourceRanges:
{% for s in properties['sources'] %}
    - {{ s }}
{% endfor %}
    allowed:
    - IPProtocol: all
"),
            dm_good("Web ports from anywhere", r#"
resources:
- name: web-net
  type: compute.v1.network
  properties:
    autoCreateSubnetworks: true
- name: allow-web
  type: compute.v1.firewall
  properties:
    network: $(ref.web-net.selfLink)
    sourceRanges:
    - 0.0.0.0/0
    allowed:
    - IPProtocol: tcp
      ports: ["80", "443"]
"#),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    public_firewall(
        state,
        report,
        cloudsentinel_model::google::compute::FirewallRule::covers_all_ports,
        "all ports",
    );
}
