use crate::check::{Fix, Format, dm_bad, dm_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags a Cloud SQL instance with a public IPv4 address. An instance that does not turn
    /// `ipv4_enabled` off gets one (the API's and the Terraform provider's default).
    ///
    /// A public address puts the database's listener on the internet: authorized networks and
    /// passwords are then all that stand between it and every scanner, and one broad
    /// authorized network (or a leaked password) is a breach. Private IP keeps it inside the
    /// VPC; the Cloud SQL Auth Proxy and connectors reach it without a public address.
    pub static CHECK = {
        id: "gcp-sql-public-ip",
        title: "Cloud SQL instance has a public IP address",
        severity: Medium,
        risk_score: 5.5,
        provider: Google,
        service: "sql",
        formats: [Terraform, DeploymentManager],
        status: Preview,
        compliance: {
            CIS_GCP: ["6.6"],
            NIST_800_53: ["SC-7", "AC-4"],
            ISO_27001: ["A.8.20", "A.8.22"],
            SOC2: ["CC6.6"],
        },
        aliases: ["CKV_GCP_60"],
        remediation: "Set `ipv4_enabled = false` in `settings.ip_configuration` and connect through `private_network` (private IP) or Private Service Connect.",
        references: [
            "https://cloud.google.com/sql/docs/mysql/configure-private-ip",
            "https://cloud.google.com/sql/docs/mysql/admin-api/rest/v1/instances#ipconfiguration",
        ],
        examples: [
            tf_bad("The public IP kept by a variable's default", r#"
variable "public_ip" {
  default = true
}

resource "google_sql_database_instance" "main" {
  name             = "main"
  database_version = "POSTGRES_15"
  region           = "europe-west1"

  settings {
    tier = "db-custom-2-7680"

    ip_configuration {
      ipv4_enabled = var.public_ip
    }
  }
}
"#),
            tf_good("Private IP only", r#"
resource "google_compute_network" "private" {
  name = "private"
}

resource "google_sql_database_instance" "main" {
  name             = "main"
  database_version = "POSTGRES_15"
  region           = "europe-west1"

  settings {
    tier = "db-custom-2-7680"

    ip_configuration {
      ipv4_enabled    = false
      private_network = google_compute_network.private.id
    }
  }
}
"#),
            dm_bad("No IP configuration: the public IP by default", r"
imports:
- path: db.jinja

resources:
- name: orders-db
  type: db.jinja
  properties:
    version: MYSQL_8_0
# file: db.jinja
resources:
- name: {{ env['name'] }}
  type: sqladmin.v1beta4.instance
  properties:
    region: europe-west1
    databaseVersion: {{ properties['version'] }}
    settings:
      tier: db-n1-standard-1
"),
            dm_good("Private IP only", r"
resources:
- name: orders-db
  type: sqladmin.v1beta4.instance
  properties:
    region: europe-west1
    databaseVersion: MYSQL_8_0
    settings:
      tier: db-n1-standard-1
      ipConfiguration:
        ipv4Enabled: false
        privateNetwork: projects/shop/global/networks/private
"),
        ],
        fixes: [
            Fix::set(Format::Terraform, &["settings", "ip_configuration", "ipv4_enabled"], "false"),
            Fix::set(Format::DeploymentManager, &["settings", "ipConfiguration", "ipv4Enabled"], "false"),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for db in &state.google.sql.instances {
        let v = &db.ipv4_enabled;
        if v.is_true() {
            report.add(
                &db.resource,
                &v.meta,
                "The instance has a public IPv4 address",
            );
        } else if v.is_false() {
            report.pass(&db.resource);
        }
    }
}
