use crate::check::{Fix, Format, dm_bad, dm_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags a Cloud SQL primary instance with automated backups off (the provider's
    /// default when `backup_configuration` is omitted). Read replicas are not flagged:
    /// their primary's backups cover them.
    ///
    /// Without backups, a dropped table, a corrupting bug or ransomware inside the database
    /// cannot be undone.
    pub static CHECK = {
        id: "gcp-sql-no-backups",
        title: "Cloud SQL instance has automated backups off",
        severity: Medium,
        risk_score: 5.0,
        provider: Google,
        service: "sql",
        formats: [Terraform, DeploymentManager],
        compliance: {
            CIS_GCP: ["6.7"],
            NIST_800_53: ["CP-9"],
            ISO_27001: ["A.8.13"],
            SOC2: ["A1.2"],
        },
        aliases: ["CKV_GCP_14", "AVD-GCP-0024", "google-sql-enable-backup"],
        remediation: "Add `backup_configuration { enabled = true }` to `settings` (for MySQL also `binary_log_enabled = true`, for PostgreSQL `point_in_time_recovery_enabled = true`).",
        references: ["https://cloud.google.com/sql/docs/mysql/backup-recovery/backups"],
        examples: [
            tf_bad("No backup configuration", r#"
resource "google_sql_database_instance" "main" {
  name             = "main"
  database_version = "POSTGRES_15"
  region           = "europe-west1"

  settings {
    tier = "db-custom-2-7680"
  }
}
"#),
            tf_bad("Backups off outside production, through a variable's default", r#"
variable "environment" {
  default = "staging"
}

resource "google_sql_database_instance" "main" {
  name             = "main-${var.environment}"
  database_version = "MYSQL_8_0"
  region           = "europe-west1"

  settings {
    tier = "db-n1-standard-2"

    backup_configuration {
      enabled            = var.environment == "prod"
      binary_log_enabled = var.environment == "prod"
    }
  }
}
"#),
            tf_good("Backups on, and a read replica that has none of its own", r#"
resource "google_sql_database_instance" "main" {
  name             = "main"
  database_version = "POSTGRES_15"
  region           = "europe-west1"

  settings {
    tier = "db-custom-2-7680"

    backup_configuration {
      enabled                        = true
      point_in_time_recovery_enabled = true
    }
  }
}

resource "google_sql_database_instance" "replica" {
  name                 = "main-replica"
  master_instance_name = google_sql_database_instance.main.name
  database_version     = "POSTGRES_15"
  region               = "europe-west1"

  settings {
    tier = "db-custom-2-7680"
  }
}
"#),
            dm_bad("Backups off through the config's property", r"
imports:
- path: db.jinja

resources:
- name: reporting-db
  type: db.jinja
  properties:
    backups: false
# file: db.jinja
resources:
- name: {{ env['name'] }}
  type: sqladmin.v1beta4.instance
  properties:
    region: europe-west1
    databaseVersion: POSTGRES_15
    settings:
      tier: db-custom-2-7680
      backupConfiguration:
        enabled: {{ properties['backups'] }}
"),
            dm_good("Backups on", r"
resources:
- name: orders-db
  type: sqladmin.v1beta4.instance
  properties:
    region: europe-west1
    databaseVersion: POSTGRES_15
    settings:
      tier: db-custom-2-7680
      backupConfiguration:
        enabled: true
"),
        ],
        fixes: [
            Fix::set(Format::Terraform, &["settings", "backup_configuration", "enabled"], "true"),
            Fix::set(Format::DeploymentManager, &["settings", "backupConfiguration", "enabled"], "true"),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for db in &state.google.sql.instances {
        // A replica's backups are its primary's; an Unknown replica status decides nothing.
        if !db.is_replica.is_false() {
            continue;
        }
        let v = &db.backup_enabled;
        if v.is_false() {
            report.add(&db.resource, &v.meta, "Automated backups are off");
        } else if v.is_true() {
            report.pass(&db.resource);
        }
    }
}
