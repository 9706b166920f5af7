use crate::check::{dm_bad, dm_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use crate::google::sql::judge_flag;
use cloudsentinel_model::State;

declare_check! {
    /// Flags a Cloud SQL for SQL Server instance whose `cross db ownership chaining`
    /// database flag is on (SQL Server's default is off).
    ///
    /// Ownership chaining across databases lets a user of one database reach objects of
    /// another through a chain of objects with the same owner, bypassing the permissions
    /// of the second database.
    pub static CHECK = {
        id: "gcp-sql-cross-db-ownership-chaining",
        title: "Cloud SQL for SQL Server allows cross-database ownership chaining",
        severity: Medium,
        risk_score: 4.5,
        provider: Google,
        service: "sql",
        formats: [Terraform, DeploymentManager],
        status: Preview,
        compliance: {
            CIS_GCP: ["6.3.2"],
            NIST_800_53: ["AC-3", "AC-6"],
            ISO_27001: ["A.8.3"],
            SOC2: ["CC6.1"],
        },
        aliases: ["AVD-GCP-0019"],
        remediation: "Set the database flag `cross db ownership chaining` to `off`, or remove it.",
        references: ["https://learn.microsoft.com/en-us/sql/database-engine/configure-windows/cross-db-ownership-chaining-server-configuration-option"],
        examples: [
            tf_bad("Chaining turned on for a legacy application", r#"
locals {
  legacy_flags = {
    "cross db ownership chaining" = "on"
  }
}

resource "google_sql_database_instance" "mssql" {
  name             = "mssql"
  database_version = "SQLSERVER_2019_STANDARD"
  region           = "europe-west1"
  root_password    = var.root_password

  settings {
    tier = "db-custom-2-7680"

    dynamic "database_flags" {
      for_each = local.legacy_flags
      content {
        name  = database_flags.key
        value = database_flags.value
      }
    }
  }
}

variable "root_password" {
  type      = string
  sensitive = true
}
"#),
            tf_good("The flag left at its default", r#"
resource "google_sql_database_instance" "mssql" {
  name             = "mssql"
  database_version = "SQLSERVER_2019_STANDARD"
  region           = "europe-west1"

  settings {
    tier = "db-custom-2-7680"
  }
}
"#),
            dm_bad("Chaining turned on for a legacy application, from the config", r#"
imports:
- path: db.jinja

resources:
- name: legacy-db
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
      - name: cross db ownership chaining
        value: "{{ properties['flagValue'] }}"
"#),
            dm_good("The flag left at its default", r"
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
        "cross db ownership chaining",
        false,
        |_| Some((true, "off")),
    );
}
