use crate::check::{dm_bad, dm_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use crate::google::text;
use cloudsentinel_model::State;

declare_check! {
    /// Flags a Cloud DNS managed zone whose DNSSEC key-signing or zone-signing key uses
    /// `rsasha1`. A zone that leaves the key specs to Cloud DNS gets RSASHA256 keys and
    /// passes.
    ///
    /// SHA-1 is broken for collision resistance; signatures made with it no longer give the
    /// assurance DNSSEC is deployed for, and resolvers are dropping support for it.
    pub static CHECK = {
        id: "gcp-dns-rsasha1",
        title: "DNSSEC key uses RSASHA1",
        severity: Medium,
        risk_score: 4.0,
        provider: Google,
        service: "dns",
        formats: [Terraform, DeploymentManager],
        status: Preview,
        compliance: {
            CIS_GCP: ["3.4", "3.5"],
            NIST_800_53: ["SC-13", "SC-20"],
            ISO_27001: ["A.8.24"],
            SOC2: ["CC6.7"],
        },
        aliases: ["CKV_GCP_17", "AVD-GCP-0012"],
        remediation: "Use `rsasha256`, `rsasha512` or `ecdsap256sha256` in `dnssec_config.default_key_specs` (or omit the key specs).",
        references: ["https://cloud.google.com/dns/docs/dnssec-advanced#advanced-signing-options"],
        examples: [
            tf_bad("A zone-signing key with RSASHA1, chosen by a variable's default", r#"
variable "zsk_algorithm" {
  default = "rsasha1"
}

resource "google_dns_managed_zone" "public" {
  name     = "example-com"
  dns_name = "example.com."

  dnssec_config {
    state = "on"

    default_key_specs {
      algorithm  = "rsasha256"
      key_length = 2048
      key_type   = "keySigning"
    }

    default_key_specs {
      algorithm  = var.zsk_algorithm
      key_length = 1024
      key_type   = "zoneSigning"
    }
  }
}
"#),
            tf_good("Elliptic-curve keys", r#"
resource "google_dns_managed_zone" "public" {
  name     = "example-com"
  dns_name = "example.com."

  dnssec_config {
    state = "on"

    default_key_specs {
      algorithm  = "ecdsap256sha256"
      key_length = 256
      key_type   = "keySigning"
    }

    default_key_specs {
      algorithm  = "ecdsap256sha256"
      key_length = 256
      key_type   = "zoneSigning"
    }
  }
}
"#),
            tf_good("Key specs left to Cloud DNS", r#"
resource "google_dns_managed_zone" "public" {
  name     = "example-com"
  dns_name = "example.com."

  dnssec_config {
    state = "on"
  }
}
"#),
            dm_bad("A zone-signing key with RSASHA1, chosen by the schema's default", r#"
imports:
- path: zone.jinja

resources:
- name: legacy-zone
  type: zone.jinja
# file: zone.jinja
resources:
- name: {{ env['name'] }}
  type: dns.v1.managedZone
  properties:
    dnsName: legacy.example.com.
    description: Legacy zone
    dnssecConfig:
      state: "on"
      defaultKeySpecs:
      - keyType: keySigning
        algorithm: ecdsap256sha256
      - keyType: zoneSigning
        algorithm: {{ properties['algorithm'] }}
# file: zone.jinja.schema
properties:
  algorithm:
    type: string
    default: rsasha1
"#),
            dm_good("Elliptic-curve keys", r#"
resources:
- name: shop-zone
  type: dns.v1.managedZone
  properties:
    dnsName: shop.example.com.
    description: Shop zone
    dnssecConfig:
      state: "on"
      defaultKeySpecs:
      - keyType: keySigning
        algorithm: ecdsap256sha256
      - keyType: zoneSigning
        algorithm: ecdsap256sha256
"#),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for z in &state.google.dns.managed_zones {
        let mut failed = false;
        for k in &z.key_algorithms {
            if k.algorithm.eq_ignore_case("rsasha1") {
                failed = true;
                report.add(
                    &z.resource,
                    &k.algorithm.meta,
                    format!("The DNSSEC {} key uses RSASHA1", text(&k.key_type)),
                );
            }
        }
        if !failed
            && z.key_algorithms
                .iter()
                .all(|k| k.algorithm.known().is_some())
        {
            report.pass(&z.resource);
        }
    }
}
