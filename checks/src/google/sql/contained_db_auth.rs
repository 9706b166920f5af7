use crate::check::{dm_bad, dm_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use crate::google::sql::judge_flag;
use cloudsentinel_model::State;

declare_check! {
    /// Flags a Cloud SQL for SQL Server instance whose `contained database authentication`
    /// database flag is on (SQL Server's default is off).
    ///
    /// Contained databases authenticate their own users: a database owner can create users
    /// the instance's administrators do not see, and those users bypass server-level login
    /// policies.
    pub static CHECK = {
        id: "gcp-sql-contained-db-auth",
        title: "Cloud SQL for SQL Server allows contained database authentication",
        severity: Medium,
        risk_score: 4.5,
        provider: Google,
        service: "sql",
        formats: [Terraform, DeploymentManager],
        status: Preview,
        compliance: {
            CIS_GCP: ["6.3.7"],
            NIST_800_53: ["AC-2", "IA-2"],
            ISO_27001: ["A.5.16"],
            SOC2: ["CC6.1"],
        },
        aliases: ["AVD-GCP-0023"],
        remediation: "Set the database flag `contained database authentication` to `off`, or remove it.",
        references: ["https://learn.microsoft.com/en-us/sql/relational-databases/databases/security-best-practices-with-contained-databases"],
        examples: [
            tf_bad("Contained authentication turned on by a variable's default", r#"
variable "contained_auth" {
  default = "on"
}

resource "google_sql_database_instance" "mssql" {
  name             = "mssql"
  database_version = "SQLSERVER_2022_STANDARD"
  region           = "europe-west1"

  settings {
    tier = "db-custom-2-7680"

    database_flags {
      name  = "contained database authentication"
      value = var.contained_auth
    }
  }
}
"#),
            tf_good("Contained authentication off", r#"
resource "google_sql_database_instance" "mssql" {
  name             = "mssql"
  database_version = "SQLSERVER_2022_STANDARD"
  region           = "europe-west1"

  settings {
    tier = "db-custom-2-7680"

    database_flags {
      name  = "contained database authentication"
      value = "off"
    }
  }
}
"#),
            dm_bad("Contained authentication turned on by the config", r#"
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
      - name: contained database authentication
        value: "{{ properties['flagValue'] }}"
"#),
            dm_good("Contained authentication off", r#"
resources:
- name: reports-db
  type: sqladmin.v1beta4.instance
  properties:
    region: europe-west1
    databaseVersion: SQLSERVER_2019_STANDARD
    settings:
      tier: db-custom-2-7680
      databaseFlags:
      - name: contained database authentication
        value: "off"
"#),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    judge_flag(
        state,
        report,
        "SQLSERVER",
        "contained database authentication",
        false,
        |_| Some((true, "off")),
    );
}
