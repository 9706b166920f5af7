use crate::check::{dm_bad, dm_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use crate::google::sql::judge_flag;
use cloudsentinel_model::State;

declare_check! {
    /// Flags a Cloud SQL for SQL Server instance whose trace flag `3625` is not on. SQL
    /// Server's default is off, so an instance without the flag is flagged too.
    ///
    /// Trace flag 3625 masks the parameters of some error messages for users who are not
    /// administrators: without it, error messages can disclose data (values of failing
    /// conversions, object names) to any user who provokes them.
    pub static CHECK = {
        id: "gcp-sql-no-trace-flag-3625",
        title: "Cloud SQL for SQL Server shows data in error messages",
        severity: Low,
        risk_score: 2.5,
        provider: Google,
        service: "sql",
        formats: [Terraform, DeploymentManager],
        status: Preview,
        compliance: {
            CIS_GCP: ["6.3.6"],
            NIST_800_53: ["SI-11"],
            ISO_27001: ["A.8.12"],
            SOC2: ["CC6.1"],
        },
        aliases: [],
        remediation: "Set the database flag `3625` to `on`.",
        references: ["https://cloud.google.com/sql/docs/sqlserver/flags", "https://learn.microsoft.com/en-us/sql/t-sql/database-console-commands/dbcc-traceon-trace-flags-transact-sql"],
        examples: [
            tf_bad("The trace flag set off from a variable's default", r#"
variable "flag_value" {
  default = "off"
}

resource "google_sql_database_instance" "db" {
  name             = "db"
  database_version = "SQLSERVER_2022_STANDARD"
  region           = "europe-west1"

  settings {
    tier = "db-custom-2-7680"

    database_flags {
      name  = "3625"
      value = var.flag_value
    }
  }
}
"#),
            tf_good("The trace flag on", r#"
resource "google_sql_database_instance" "db" {
  name             = "db"
  database_version = "SQLSERVER_2022_STANDARD"
  region           = "europe-west1"

  settings {
    tier = "db-custom-2-7680"

    database_flags {
      name  = "3625"
      value = "on"
    }
  }
}
"#),
            dm_bad("The trace flag set off by the config", r#"
imports:
- path: db.jinja

resources:
- name: orders-db
  type: db.jinja
  properties:
    flagValue: "off"
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
      - name: 3625
        value: "{{ properties['flagValue'] }}"
"#),
            dm_good("The trace flag on", r#"
resources:
- name: reports-db
  type: sqladmin.v1beta4.instance
  properties:
    region: europe-west1
    databaseVersion: SQLSERVER_2019_STANDARD
    settings:
      tier: db-custom-2-7680
      databaseFlags:
      - name: 3625
        value: "on"
"#),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    judge_flag(state, report, "SQLSERVER", "3625", true, |_| {
        Some((false, "off (SQL Server's default)"))
    });
}
