use crate::check::{dm_bad, dm_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags a public Cloud DNS managed zone whose DNSSEC state is `off` (the default when
    /// `dnssec_config` is absent). Private zones are not flagged.
    ///
    /// Without DNSSEC, resolvers cannot tell forged answers from real ones: cache poisoning
    /// and on-path attackers can redirect the zone's names to their own servers.
    pub static CHECK = {
        id: "gcp-dns-no-dnssec",
        title: "Public DNS zone has DNSSEC off",
        severity: Medium,
        risk_score: 4.5,
        provider: Google,
        service: "dns",
        formats: [Terraform, DeploymentManager],
        compliance: {
            CIS_GCP: ["3.3"],
            NIST_800_53: ["SC-20", "SC-21"],
            ISO_27001: ["A.8.20"],
            SOC2: ["CC6.6"],
        },
        aliases: ["CKV_GCP_16", "AVD-GCP-0013", "google-dns-enable-dnssec"],
        remediation: "Add `dnssec_config { state = \"on\" }` and publish the DS record at the parent zone's registrar.",
        references: ["https://cloud.google.com/dns/docs/dnssec-config"],
        examples: [
            tf_bad("No DNSSEC configuration", r#"
resource "google_dns_managed_zone" "public" {
  name     = "example-com"
  dns_name = "example.com."
}
"#),
            tf_bad("DNSSEC state from a variable's default", r#"
variable "dnssec_state" {
  default = "off"
}

resource "google_dns_managed_zone" "public" {
  name     = "example-com"
  dns_name = "example.com."

  dnssec_config {
    state = var.dnssec_state
  }
}
"#),
            tf_good("DNSSEC on", r#"
resource "google_dns_managed_zone" "public" {
  name     = "example-com"
  dns_name = "example.com."

  dnssec_config {
    state = "on"
  }
}
"#),
            tf_good("A private zone", r#"
resource "google_compute_network" "vpc" {
  name = "prod"
}

resource "google_dns_managed_zone" "internal" {
  name       = "internal"
  dns_name   = "internal.example.com."
  visibility = "private"

  private_visibility_config {
    networks {
      network_url = google_compute_network.vpc.id
    }
  }
}
"#),
            dm_bad("No DNSSEC configuration", r"
resources:
- name: public-zone
  type: dns.v1.managedZone
  properties:
    dnsName: example.com.
    description: Public zone
"),
            dm_good("DNSSEC on from the schema's default", r#"
imports:
- path: zone.jinja

resources:
- name: shop-zone
  type: zone.jinja
  properties:
    domain: shop.example.com.
# file: zone.jinja
resources:
- name: {{ env['name'] }}
  type: dns.v1.managedZone
  properties:
    dnsName: {{ properties['domain'] }}
    description: Shop zone
    dnssecConfig:
      state: "{{ properties['dnssec'] }}"
# file: zone.jinja.schema
properties:
  domain:
    type: string
  dnssec:
    type: string
    default: "on"
"#),
            dm_good("A private zone", r"
resources:
- name: internal-zone
  type: dns.v1.managedZone
  properties:
    dnsName: corp.internal.
    description: Internal zone
    visibility: private
"),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for z in &state.google.dns.managed_zones {
        if z.visibility.eq_ignore_case("private") {
            report.pass(&z.resource);
            continue;
        }
        if !z.is_public() {
            continue;
        }
        let v = &z.dnssec_state;
        if v.eq_ignore_case("off") {
            report.add(&z.resource, &v.meta, "DNSSEC is off for this public zone");
        } else if v.known().is_some() {
            report.pass(&z.resource);
        }
    }
}
