use crate::check::{dm_bad, dm_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use crate::google::sql::judge_flag;
use cloudsentinel_model::State;

declare_check! {
    /// Flags a Cloud SQL for MySQL instance whose `skip_show_database` database flag is not
    /// on. MySQL's default is off, so an instance without the flag is flagged too.
    ///
    /// With the flag off, every user may run `SHOW DATABASES` and learn the names of all
    /// databases on the instance, including those of other applications: a map for an
    /// attacker who has one set of credentials.
    pub static CHECK = {
        id: "gcp-sql-no-skip-show-database",
        title: "Cloud SQL for MySQL lets every user list all databases",
        severity: Low,
        risk_score: 3.0,
        provider: Google,
        service: "sql",
        formats: [Terraform, DeploymentManager],
        status: Preview,
        compliance: {
            CIS_GCP: ["6.1.2"],
            NIST_800_53: ["AC-6"],
            ISO_27001: ["A.8.3"],
            SOC2: ["CC6.1"],
        },
        aliases: [],
        remediation: "Set the database flag `skip_show_database` to `on`.",
        references: ["https://cloud.google.com/sql/docs/mysql/flags", "https://dev.mysql.com/doc/refman/8.0/en/server-system-variables.html#sysvar_skip_show_database"],
        examples: [
            tf_bad("The flag set off from a variable's default", r#"
variable "flag_value" {
  default = "off"
}

resource "google_sql_database_instance" "db" {
  name             = "db"
  database_version = "MYSQL_8_0"
  region           = "europe-west1"

  settings {
    tier = "db-custom-2-7680"

    database_flags {
      name  = "skip_show_database"
      value = var.flag_value
    }
  }
}
"#),
            tf_good("The flag on", r#"
resource "google_sql_database_instance" "db" {
  name             = "db"
  database_version = "MYSQL_8_0"
  region           = "europe-west1"

  settings {
    tier = "db-custom-2-7680"

    database_flags {
      name  = "skip_show_database"
      value = "on"
    }
  }
}
"#),
            dm_bad("The flag set off by the config", r#"
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
    databaseVersion: MYSQL_8_0
    settings:
      tier: db-custom-2-7680
      databaseFlags:
      - name: skip_show_database
        value: "{{ properties['flagValue'] }}"
"#),
            dm_good("The flag on", r#"
resources:
- name: reports-db
  type: sqladmin.v1beta4.instance
  properties:
    region: europe-west1
    databaseVersion: MYSQL_8_0
    settings:
      tier: db-custom-2-7680
      databaseFlags:
      - name: skip_show_database
        value: "on"
"#),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    judge_flag(state, report, "MYSQL", "skip_show_database", true, |_| {
        Some((false, "off (MySQL's default)"))
    });
}
