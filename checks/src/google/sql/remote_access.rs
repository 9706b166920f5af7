use crate::check::{dm_bad, dm_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use crate::google::sql::judge_flag;
use cloudsentinel_model::State;

declare_check! {
    /// Flags a Cloud SQL for SQL Server instance whose `remote access` database flag is not
    /// off. SQL Server's default is on, so an instance without the flag is flagged too.
    ///
    /// Remote access lets stored procedures be run from and on other servers: a compromised
    /// server can execute procedures on this one, and an attacker can use it to reach others
    /// (and to amplify a denial of service).
    pub static CHECK = {
        id: "gcp-sql-remote-access",
        title: "Cloud SQL for SQL Server allows remote access",
        severity: Low,
        risk_score: 3.5,
        provider: Google,
        service: "sql",
        formats: [Terraform, DeploymentManager],
        status: Preview,
        compliance: {
            CIS_GCP: ["6.3.5"],
            NIST_800_53: ["AC-17", "CM-7"],
            ISO_27001: ["A.8.9"],
            SOC2: ["CC6.6"],
        },
        aliases: [],
        remediation: "Set the database flag `remote access` to `off`.",
        references: ["https://cloud.google.com/sql/docs/sqlserver/flags", "https://learn.microsoft.com/en-us/sql/database-engine/configure-windows/configure-the-remote-access-server-configuration-option"],
        examples: [
            tf_bad("Remote access turned on from a variable's default", r#"
variable "flag_value" {
  default = "on"
}

resource "google_sql_database_instance" "db" {
  name             = "db"
  database_version = "SQLSERVER_2022_STANDARD"
  region           = "europe-west1"

  settings {
    tier = "db-custom-2-7680"

    database_flags {
      name  = "remote access"
      value = var.flag_value
    }
  }
}
"#),
            tf_good("Remote access off", r#"
resource "google_sql_database_instance" "db" {
  name             = "db"
  database_version = "SQLSERVER_2022_STANDARD"
  region           = "europe-west1"

  settings {
    tier = "db-custom-2-7680"

    database_flags {
      name  = "remote access"
      value = "off"
    }
  }
}
"#),
            dm_bad("Remote access turned on by the config", r#"
imports:
- path: db.jinja

resources:
- name: orders-db
  type: db.jinja
  properties:
    flagValue: "on"
# file: db.jinja
resources:
- name: {{ env['name'] }}
  type: sqladmin.v1beta4.instance
  properties:
    region: europe-west1
    databaseVersion: SQLSERVER_2019_STANDARD
    settings:
      tier: db-custom-2-7680
      databaseFlags:
      - name: remote access
        value: "{{ properties['flagValue'] }}"
"#),
            dm_good("Remote access off", r#"
resources:
- name: reports-db
  type: sqladmin.v1beta4.instance
  properties:
    region: europe-west1
    databaseVersion: SQLSERVER_2019_STANDARD
    settings:
      tier: db-custom-2-7680
      databaseFlags:
      - name: remote access
        value: "off"
"#),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    judge_flag(state, report, "SQLSERVER", "remote access", false, |_| {
        Some((false, "on (SQL Server's default)"))
    });
}
