use crate::check::{dm_bad, dm_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use crate::google::sql::judge_flag;
use cloudsentinel_model::State;

declare_check! {
    /// Flags a Cloud SQL for PostgreSQL instance whose `cloudsql.enable_pgaudit` database
    /// flag is not on. The default is off, so an instance without the flag is flagged too.
    ///
    /// pgAudit writes session and object audit records (who read or changed what, with which
    /// statement) to Cloud Logging; without it, PostgreSQL's own logs cannot answer what an
    /// intruder or an insider did with the data.
    pub static CHECK = {
        id: "gcp-sql-no-pgaudit",
        title: "Cloud SQL for PostgreSQL has no pgAudit",
        severity: Low,
        risk_score: 3.5,
        provider: Google,
        service: "sql",
        formats: [Terraform, DeploymentManager],
        status: Preview,
        compliance: {
            CIS_GCP: ["6.2.8"],
            NIST_800_53: ["AU-2", "AU-12"],
            ISO_27001: ["A.8.15"],
            SOC2: ["CC7.2"],
        },
        aliases: [],
        remediation: "Set the database flag `cloudsql.enable_pgaudit` to `on` and configure `pgaudit.log`.",
        references: ["https://cloud.google.com/sql/docs/postgres/pg-audit"],
        examples: [
            tf_bad("pgAudit turned off from a variable's default", r#"
variable "flag_value" {
  default = "off"
}

resource "google_sql_database_instance" "db" {
  name             = "db"
  database_version = "POSTGRES_15"
  region           = "europe-west1"

  settings {
    tier = "db-custom-2-7680"

    database_flags {
      name  = "cloudsql.enable_pgaudit"
      value = var.flag_value
    }
  }
}
"#),
            tf_good("pgAudit on", r#"
resource "google_sql_database_instance" "db" {
  name             = "db"
  database_version = "POSTGRES_15"
  region           = "europe-west1"

  settings {
    tier = "db-custom-2-7680"

    database_flags {
      name  = "cloudsql.enable_pgaudit"
      value = "on"
    }
  }
}
"#),
            dm_bad("pgAudit turned off by the config", r#"
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
    databaseVersion: POSTGRES_15
    settings:
      tier: db-custom-2-7680
      databaseFlags:
      - name: cloudsql.enable_pgaudit
        value: "{{ properties['flagValue'] }}"
"#),
            dm_good("pgAudit on", r#"
resources:
- name: reports-db
  type: sqladmin.v1beta4.instance
  properties:
    region: europe-west1
    databaseVersion: POSTGRES_15
    settings:
      tier: db-custom-2-7680
      databaseFlags:
      - name: cloudsql.enable_pgaudit
        value: "on"
"#),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    judge_flag(
        state,
        report,
        "POSTGRES",
        "cloudsql.enable_pgaudit",
        true,
        |_| Some((false, "off (the default)")),
    );
}
