use crate::check::{dm_bad, dm_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use crate::google::public_firewall;
use cloudsentinel_model::State;

declare_check! {
    /// Flags an enabled INGRESS firewall rule from `0.0.0.0/0` or `::/0` whose `allow` entry
    /// covers TCP port 3389 (including protocol `all`, and TCP with no port list). An ingress
    /// rule without source ranges, tags or service accounts admits every address, and is
    /// flagged too.
    ///
    /// Internet-facing RDP is a favourite entry point for ransomware: it is brute-forced
    /// continuously and has had pre-authentication vulnerabilities.
    pub static CHECK = {
        id: "gcp-firewall-public-rdp",
        title: "Firewall rule allows RDP from the internet",
        severity: High,
        risk_score: 8.0,
        provider: Google,
        service: "firewall",
        formats: [Terraform, DeploymentManager],
        compliance: {
            CIS_GCP: ["3.7"],
            NIST_800_53: ["AC-17", "SC-7"],
            ISO_27001: ["A.8.20", "A.8.22"],
            SOC2: ["CC6.6"],
        },
        aliases: ["CKV_GCP_3", "AVD-GCP-0027", "AVD-GCP-0070", "google-compute-no-public-ingress"],
        remediation: "Limit `source_ranges` to your administration network, or reach Windows VMs through Identity-Aware Proxy TCP forwarding (`35.235.240.0/20`).",
        references: ["https://cloud.google.com/firewall/docs/firewalls"],
        examples: [
            tf_bad("RDP open to the world for the Windows hosts of each environment", r#"
variable "environments" {
  default = ["staging"]
}

resource "google_compute_firewall" "rdp" {
  for_each      = toset(var.environments)
  name          = "allow-rdp-${each.key}"
  network       = "${each.key}-vpc"
  source_ranges = ["0.0.0.0/0"]
  target_tags   = ["windows"]

  allow {
    protocol = "tcp"
    ports    = ["3389"]
  }
}
"#),
            tf_good("RDP from the office range", r#"
resource "google_compute_firewall" "rdp" {
  name          = "allow-rdp"
  network       = "default"
  source_ranges = ["203.0.113.0/24"]

  allow {
    protocol = "tcp"
    ports    = ["3389"]
  }
}
"#),
            tf_good("RDP open only on UDP is not TCP 3389", r#"
locals {
  ports = ["3389"]
}

resource "google_compute_firewall" "rdp_udp" {
  name          = "allow-rdp-udp"
  network       = "default"
  source_ranges = ["0.0.0.0/0"]

  allow {
    protocol = "udp"
    ports    = local.ports
  }
}
"#),
            dm_bad("RDP open to the world for the Windows hosts", r#"
imports:
- path: firewall.jinja

resources:
- name: allow-rdp
  type: firewall.jinja
  properties:
    port: 3389
# file: firewall.jinja
resources:
- name: {{ env['name'] }}
  type: compute.v1.firewall
  properties:
    network: global/networks/default
    targetTags: [windows]
    sourceRanges: [0.0.0.0/0]
    allowed:
    - IPProtocol: tcp
      ports: ["{{ properties['port'] }}"]
"#),
            dm_good("RDP from the office range", r#"
resources:
- name: allow-rdp-office
  type: compute.v1.firewall
  properties:
    network: global/networks/default
    sourceRanges: [203.0.113.0/24]
    allowed:
    - IPProtocol: tcp
      ports: ["3389"]
"#),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    public_firewall(
        state,
        report,
        |r| r.carries_tcp() && r.covers_port(3389),
        "RDP (tcp 3389)",
    );
}
