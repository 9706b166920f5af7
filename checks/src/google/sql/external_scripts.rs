use crate::check::{dm_bad, dm_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use crate::google::sql::judge_flag;
use cloudsentinel_model::State;

declare_check! {
    /// Flags a Cloud SQL for SQL Server instance whose `external scripts enabled` database
    /// flag is on (SQL Server's default is off).
    ///
    /// External scripts run R and Python code inside the database server with the server's
    /// rights: a SQL injection or a compromised login becomes arbitrary code execution next
    /// to the data.
    pub static CHECK = {
        id: "gcp-sql-external-scripts",
        title: "Cloud SQL for SQL Server runs external scripts",
        severity: Medium,
        risk_score: 5.0,
        provider: Google,
        service: "sql",
        formats: [Terraform, DeploymentManager],
        status: Preview,
        compliance: {
            CIS_GCP: ["6.3.1"],
            NIST_800_53: ["CM-7"],
            ISO_27001: ["A.8.9"],
            SOC2: ["CC6.8"],
        },
        aliases: [],
        remediation: "Set the database flag `external scripts enabled` to `off`, or remove it.",
        references: ["https://cloud.google.com/sql/docs/sqlserver/flags", "https://learn.microsoft.com/en-us/sql/database-engine/configure-windows/external-scripts-enabled-server-configuration-option"],
        examples: [
            tf_bad("External scripts turned on from a variable's default", r#"
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
      name  = "external scripts enabled"
      value = var.flag_value
    }
  }
}
"#),
            tf_good("No flags: SQL Server's default", r#"
resource "google_sql_database_instance" "db" {
  name             = "db"
  database_version = "SQLSERVER_2022_STANDARD"
  region           = "europe-west1"

  settings {
    tier = "db-custom-2-7680"
  }
}
"#),
            dm_bad("External scripts turned on by the config", r#"
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
      - name: external scripts enabled
        value: "{{ properties['flagValue'] }}"
"#),
            dm_good("No flags: SQL Server's default", r"
resources:
- name: reports-db
  type: sqladmin.v1beta4.instance
  properties:
    region: europe-west1
    databaseVersion: SQLSERVER_2019_STANDARD
    settings:
      tier: db-custom-2-7680
"),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    judge_flag(
        state,
        report,
        "SQLSERVER",
        "external scripts enabled",
        false,
        |_| Some((true, "off")),
    );
}
