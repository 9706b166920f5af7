use crate::check::{dm_bad, dm_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use crate::google::public_firewall;
use cloudsentinel_model::State;

declare_check! {
    /// Flags an enabled INGRESS firewall rule from `0.0.0.0/0` or `::/0` whose `allow` entry
    /// covers TCP port 22 (including protocol `all`, and TCP with no port list). An ingress
    /// rule without source ranges, tags or service accounts admits every address, and is
    /// flagged too.
    ///
    /// SSH open to the internet is scanned within minutes and brute-forced; reach VMs
    /// through Identity-Aware Proxy TCP forwarding or a bastion on a private range instead.
    pub static CHECK = {
        id: "gcp-firewall-public-ssh",
        title: "Firewall rule allows SSH from the internet",
        severity: High,
        risk_score: 8.0,
        provider: Google,
        service: "firewall",
        formats: [Terraform, DeploymentManager],
        compliance: {
            CIS_GCP: ["3.6"],
            NIST_800_53: ["AC-17", "SC-7"],
            ISO_27001: ["A.8.20", "A.8.22"],
            SOC2: ["CC6.6"],
        },
        aliases: ["CKV_GCP_2", "AVD-GCP-0027", "AVD-GCP-0071", "google-compute-no-public-ingress"],
        remediation: "Limit `source_ranges` to your administration network, or to `35.235.240.0/20` for Identity-Aware Proxy TCP forwarding.",
        references: [
            "https://cloud.google.com/firewall/docs/firewalls",
            "https://cloud.google.com/iap/docs/using-tcp-forwarding",
        ],
        examples: [
            tf_bad("SSH open to the world", r#"
resource "google_compute_firewall" "ssh" {
  name          = "allow-ssh"
  network       = "default"
  source_ranges = ["0.0.0.0/0"]

  allow {
    protocol = "tcp"
    ports    = ["22"]
  }
}
"#),
            tf_bad("A port range including 22, sources from a variable's default", r#"
variable "admin_ranges" {
  type    = list(string)
  default = ["::/0"]
}

resource "google_compute_firewall" "admin" {
  name          = "allow-admin"
  network       = "prod-vpc"
  direction     = "INGRESS"
  source_ranges = var.admin_ranges

  allow {
    protocol = "tcp"
    ports    = ["20-30", "443"]
  }
}
"#),
            tf_bad("No source given: the rule applies to every address", r#"
resource "google_compute_firewall" "ssh" {
  name    = "allow-ssh"
  network = "default"

  allow {
    protocol = "tcp"
    ports    = ["22"]
  }
}
"#),
            tf_good("SSH only through Identity-Aware Proxy", r#"
resource "google_compute_network" "vpc" {
  name = "prod-vpc"
}

resource "google_compute_firewall" "iap_ssh" {
  name          = "allow-iap-ssh"
  network       = google_compute_network.vpc.id
  source_ranges = ["35.235.240.0/20"]

  allow {
    protocol = "tcp"
    ports    = ["22"]
  }
}
"#),
            tf_good("HTTPS open to the world, not SSH", r#"
resource "google_compute_firewall" "web" {
  name          = "allow-https"
  network       = "default"
  source_ranges = ["0.0.0.0/0"]
  target_tags   = ["web"]

  allow {
    protocol = "tcp"
    ports    = ["443"]
  }
}
"#),
            tf_good("A disabled rule", r#"
resource "google_compute_firewall" "ssh" {
  name          = "allow-ssh"
  network       = "default"
  source_ranges = ["0.0.0.0/0"]
  disabled      = true

  allow {
    protocol = "tcp"
    ports    = ["22"]
  }
}
"#),
            tf_good("Sources from a variable without a value are not guessed", r#"
variable "admin_ranges" {
  type = list(string)
}

resource "google_compute_firewall" "ssh" {
  name          = "allow-ssh"
  network       = "default"
  source_ranges = var.admin_ranges

  allow {
    protocol = "tcp"
    ports    = ["22"]
  }
}
"#),
            dm_bad("SSH open to the world through the schema's default sources", r#"
imports:
- path: firewall.jinja

resources:
- name: allow-ssh
  type: firewall.jinja
# file: firewall.jinja
resources:
- name: {{ env['name'] }}
  type: compute.v1.firewall
  properties:
    network: global/networks/default
    sourceRanges: {{ properties['sources'] }}
    allowed:
    - IPProtocol: tcp
      ports: ["22"]
# file: firewall.jinja.schema
properties:
  sources:
    type: array
    default: ["0.0.0.0/0"]
"#),
            dm_bad("No source given: the rule applies to every address", r#"
resources:
- name: allow-ssh-anywhere
  type: compute.v1.firewall
  properties:
    network: global/networks/default
    allowed:
    - IPProtocol: tcp
      ports: ["22"]
"#),
            dm_good("SSH only through Identity-Aware Proxy, on a network of the deployment", r#"
resources:
- name: ops-net
  type: compute.v1.network
  properties:
    autoCreateSubnetworks: true
- name: allow-ssh-iap
  type: compute.v1.firewall
  properties:
    network: $(ref.ops-net.selfLink)
    sourceRanges: [35.235.240.0/20]
    allowed:
    - IPProtocol: tcp
      ports: ["22"]
"#),
            dm_good("Sources from the deployment's project are not guessed", r#"
imports:
- path: firewall.jinja

resources:
- name: allow-ssh-project
  type: firewall.jinja
# file: firewall.jinja
resources:
- name: {{ env['name'] }}
  type: compute.v1.firewall
  properties:
    network: global/networks/default
    sourceRanges: ["{{ env['project'] }}"]
    allowed:
    - IPProtocol: tcp
      ports: ["22"]
"#),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    public_firewall(
        state,
        report,
        |r| r.carries_tcp() && r.covers_port(22),
        "SSH (tcp 22)",
    );
}
