use crate::check::{dm_bad, dm_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use crate::google::sql::judge_flag;
use cloudsentinel_model::State;

declare_check! {
    /// Flags a Cloud SQL for MySQL instance whose `local_infile` database flag is on. An
    /// instance that does not set the flag complies on MySQL 8 (whose default is off) and
    /// gets no verdict on older versions.
    ///
    /// `LOAD DATA LOCAL INFILE` lets a server ask the client for any file the client can
    /// read: a malicious or compromised server, or SQL injection in an application, can use
    /// it to read files from application hosts.
    pub static CHECK = {
        id: "gcp-sql-local-infile",
        title: "Cloud SQL for MySQL allows LOAD DATA LOCAL INFILE",
        severity: Medium,
        risk_score: 4.5,
        provider: Google,
        service: "sql",
        formats: [Terraform, DeploymentManager],
        status: Preview,
        compliance: {
            CIS_GCP: ["6.1.3"],
            NIST_800_53: ["CM-7"],
            ISO_27001: ["A.8.9"],
            SOC2: ["CC6.8"],
        },
        aliases: ["AVD-GCP-0026"],
        remediation: "Set the database flag `local_infile` to `off`, or remove it on MySQL 8.",
        references: [
            "https://cloud.google.com/sql/docs/mysql/flags",
            "https://dev.mysql.com/doc/refman/8.0/en/load-data-local-security.html",
        ],
        examples: [
            tf_bad("The flag turned on from a variable's default", r#"
variable "database_flags" {
  default = [
    { name = "local_infile", value = "on" },
  ]
}

resource "google_sql_database_instance" "mysql" {
  name             = "mysql"
  database_version = "MYSQL_8_0"
  region           = "europe-west1"

  settings {
    tier = "db-n1-standard-2"

    dynamic "database_flags" {
      for_each = var.database_flags
      content {
        name  = database_flags.value.name
        value = database_flags.value.value
      }
    }
  }
}
"#),
            tf_good("MySQL 8 without the flag", r#"
resource "google_sql_database_instance" "mysql" {
  name             = "mysql"
  database_version = "MYSQL_8_0"
  region           = "europe-west1"

  settings {
    tier = "db-n1-standard-2"
  }
}
"#),
            tf_good("The flag set off", r#"
resource "google_sql_database_instance" "mysql" {
  name             = "mysql"
  database_version = "MYSQL_5_7"
  region           = "europe-west1"

  settings {
    tier = "db-n1-standard-2"

    database_flags {
      name  = "local_infile"
      value = "off"
    }
  }
}
"#),
            dm_bad("The flag turned on from the config", r#"
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
    databaseVersion: MYSQL_5_7
    settings:
      tier: db-custom-2-7680
      databaseFlags:
      - name: local_infile
        value: "{{ properties['flagValue'] }}"
"#),
            dm_good("MySQL 8 without the flag", r"
resources:
- name: orders-db
  type: sqladmin.v1beta4.instance
  properties:
    region: europe-west1
    databaseVersion: MYSQL_8_0
    settings:
      tier: db-n1-standard-1
"),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    judge_flag(state, report, "MYSQL", "local_infile", false, |db| {
        db.database_version
            .as_str()
            .is_some_and(|v| v.to_ascii_uppercase().starts_with("MYSQL_8"))
            .then_some((true, "off (MySQL 8's default)"))
    });
}
