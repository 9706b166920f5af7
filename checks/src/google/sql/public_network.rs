use crate::check::{dm_bad, dm_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags a Cloud SQL instance whose authorized networks include `0.0.0.0/0` while its
    /// public IP is on (`ipv4_enabled` defaults to true).
    ///
    /// The database's listener then answers the whole internet: only its passwords stand
    /// between an attacker and the data, and database engines are brute-forced and
    /// exploited like any exposed service.
    pub static CHECK = {
        id: "gcp-sql-public-network",
        title: "Cloud SQL instance authorizes the whole internet",
        severity: Critical,
        risk_score: 9.0,
        provider: Google,
        service: "sql",
        formats: [Terraform, DeploymentManager],
        compliance: {
            CIS_GCP: ["6.5"],
            NIST_800_53: ["AC-3", "SC-7"],
            ISO_27001: ["A.8.20", "A.8.22"],
            SOC2: ["CC6.6"],
        },
        aliases: ["CKV_GCP_11", "AVD-GCP-0017", "google-sql-no-public-access"],
        remediation: "Remove `0.0.0.0/0` from `authorized_networks`; connect through private IP (`ipv4_enabled = false` with `private_network`) or the Cloud SQL Auth Proxy.",
        references: [
            "https://cloud.google.com/sql/docs/mysql/authorize-networks",
            "https://cloud.google.com/sql/docs/mysql/configure-private-ip",
        ],
        examples: [
            tf_bad("Authorized networks from a variable's default include the world", r#"
variable "authorized_networks" {
  default = [
    { name = "office", value = "203.0.113.0/24" },
    { name = "anywhere", value = "0.0.0.0/0" },
  ]
}

resource "google_sql_database_instance" "main" {
  name             = "main"
  database_version = "POSTGRES_15"
  region           = "europe-west1"

  settings {
    tier = "db-custom-2-7680"

    ip_configuration {
      dynamic "authorized_networks" {
        for_each = var.authorized_networks
        content {
          name  = authorized_networks.value.name
          value = authorized_networks.value.value
        }
      }
    }
  }
}
"#),
            tf_good("Private IP only", r#"
resource "google_compute_network" "vpc" {
  name = "prod-vpc"
}

resource "google_sql_database_instance" "main" {
  name             = "main"
  database_version = "MYSQL_8_0"
  region           = "europe-west1"

  settings {
    tier = "db-n1-standard-2"

    ip_configuration {
      ipv4_enabled    = false
      private_network = google_compute_network.vpc.id
    }
  }
}
"#),
            tf_good("Public IP open to the office only", r#"
resource "google_sql_database_instance" "main" {
  name             = "main"
  database_version = "MYSQL_8_0"
  region           = "europe-west1"

  settings {
    tier = "db-n1-standard-2"

    ip_configuration {
      authorized_networks {
        name  = "office"
        value = "203.0.113.0/24"
      }
    }
  }
}
"#),
            dm_bad("Authorized networks from the config include the world", r"
imports:
- path: db.jinja

resources:
- name: legacy-db
  type: db.jinja
  properties:
    networks:
    - 203.0.113.0/24
    - 0.0.0.0/0
# file: db.jinja
resources:
- name: {{ env['name'] }}
  type: sqladmin.v1beta4.instance
  properties:
    region: europe-west1
    databaseVersion: MYSQL_8_0
    settings:
      tier: db-n1-standard-1
      ipConfiguration:
        ipv4Enabled: true
        authorizedNetworks:
{% for n in properties['networks'] %}
        - name: net-{{ loop.index }}
          value: {{ n }}
{% endfor %}
"),
            dm_good("Public IP open to the office only", r"
resources:
- name: office-db
  type: sqladmin.v1beta4.instance
  properties:
    region: europe-west1
    databaseVersion: MYSQL_8_0
    settings:
      tier: db-n1-standard-1
      ipConfiguration:
        ipv4Enabled: true
        authorizedNetworks:
        - name: office
          value: 203.0.113.0/24
"),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for db in &state.google.sql.instances {
        if db.ipv4_enabled.is_false() {
            report.pass(&db.resource);
            continue;
        }
        let public = db
            .authorized_networks
            .iter()
            .find(|n| n.is(|n| n.trim() == "0.0.0.0/0"));
        match public {
            Some(net) if db.ipv4_enabled.is_true() => report.add(
                &db.resource,
                &net.meta,
                "Cloud SQL instance authorizes 0.0.0.0/0 on its public IP",
            ),
            Some(_) => {}
            None if db.authorized_networks.iter().all(|n| n.known().is_some()) => {
                report.pass(&db.resource);
            }
            None => {}
        }
    }
}
