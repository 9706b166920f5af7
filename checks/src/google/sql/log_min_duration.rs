use crate::check::{dm_bad, dm_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags a Cloud SQL for PostgreSQL instance whose `log_min_duration_statement` database
    /// flag is 0 or more, so the text of statements is logged. The default, `-1`, logs no
    /// statement, so an instance without the flag complies.
    ///
    /// Logged statement text carries what the statements carry: passwords in `ALTER ROLE`,
    /// personal data in `WHERE` clauses and `INSERT`s. It lands in Cloud Logging, readable by
    /// everyone with log access and kept for the logs' retention.
    pub static CHECK = {
        id: "gcp-sql-log-min-duration",
        title: "Cloud SQL for PostgreSQL logs statement text",
        severity: Low,
        risk_score: 3.5,
        provider: Google,
        service: "sql",
        formats: [Terraform, DeploymentManager],
        status: Preview,
        compliance: {
            CIS_GCP: ["6.2.7"],
            NIST_800_53: ["AU-9", "SI-12"],
            ISO_27001: ["A.8.11"],
            SOC2: ["CC6.1"],
        },
        aliases: [],
        remediation: "Set the database flag `log_min_duration_statement` to `-1`, or remove it.",
        references: ["https://cloud.google.com/sql/docs/postgres/flags", "https://www.postgresql.org/docs/current/runtime-config-logging.html#GUC-LOG-MIN-DURATION-STATEMENT"],
        examples: [
            tf_bad("Every statement logged, from a variable's default", r#"
variable "flag_value" {
  default = "0"
}

resource "google_sql_database_instance" "db" {
  name             = "db"
  database_version = "POSTGRES_15"
  region           = "europe-west1"

  settings {
    tier = "db-custom-2-7680"

    database_flags {
      name  = "log_min_duration_statement"
      value = var.flag_value
    }
  }
}
"#),
            tf_good("No flags: nothing logged", r#"
resource "google_sql_database_instance" "db" {
  name             = "db"
  database_version = "POSTGRES_15"
  region           = "europe-west1"

  settings {
    tier = "db-custom-2-7680"
  }
}
"#),
            dm_bad("Every statement logged, by the config", r#"
imports:
- path: db.jinja

resources:
- name: orders-db
  type: db.jinja
  properties:
    flagValue: "0"
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
      - name: log_min_duration_statement
        value: "{{ properties['flagValue'] }}"
"#),
            dm_good("Statement logging off", r#"
resources:
- name: reports-db
  type: sqladmin.v1beta4.instance
  properties:
    region: europe-west1
    databaseVersion: POSTGRES_15
    settings:
      tier: db-custom-2-7680
      databaseFlags:
      - name: log_min_duration_statement
        value: "-1"
"#),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for db in &state.google.sql.instances {
        if !db
            .engine()
            .is_some_and(|e| e.eq_ignore_ascii_case("POSTGRES"))
        {
            continue;
        }
        match db.flag("log_min_duration_statement") {
            // Not set: PostgreSQL's default, -1, logs no statement.
            Some(None) => report.pass(&db.resource),
            Some(Some(f)) => match f.value.as_str().map(|v| v.trim().parse::<i64>()) {
                Some(Ok(ms)) if ms < 0 => report.pass(&db.resource),
                Some(Ok(ms)) => report.add(
                    &db.resource,
                    &f.value.meta,
                    format!(
                        "`log_min_duration_statement` is {ms}: the text of every statement running {ms} ms or longer is logged"
                    ),
                ),
                _ => {}
            },
            None => {}
        }
    }
}
