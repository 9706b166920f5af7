use crate::check::{dm_bad, dm_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags a Cloud SQL instance that accepts unencrypted connections: its `ssl_mode` is
    /// neither `ENCRYPTED_ONLY` nor `TRUSTED_CLIENT_CERTIFICATE_REQUIRED`, or, with no
    /// `ssl_mode`, `require_ssl` is false or omitted (the API's default).
    ///
    /// Credentials and query results then cross the network in clear text, readable by
    /// anyone on the path.
    pub static CHECK = {
        id: "gcp-sql-no-ssl",
        title: "Cloud SQL instance does not require SSL",
        severity: High,
        risk_score: 7.0,
        provider: Google,
        service: "sql",
        formats: [Terraform, DeploymentManager],
        compliance: {
            CIS_GCP: ["6.4"],
            NIST_800_53: ["SC-8", "SC-13"],
            ISO_27001: ["A.8.24"],
            SOC2: ["CC6.7"],
        },
        aliases: ["CKV_GCP_6", "AVD-GCP-0015", "google-sql-encrypt-in-transit-data"],
        remediation: "Set `ssl_mode = \"ENCRYPTED_ONLY\"` (or `TRUSTED_CLIENT_CERTIFICATE_REQUIRED`) in `settings.ip_configuration`.",
        references: ["https://cloud.google.com/sql/docs/mysql/configure-ssl-instance"],
        examples: [
            tf_bad("No SSL setting at all", r#"
resource "google_sql_database_instance" "main" {
  name             = "main"
  database_version = "POSTGRES_15"
  region           = "europe-west1"

  settings {
    tier = "db-custom-2-7680"
  }
}
"#),
            tf_bad("An SSL mode that still allows plain text, from a variable's default", r#"
variable "ssl_mode" {
  default = "ALLOW_UNENCRYPTED_AND_ENCRYPTED"
}

resource "google_sql_database_instance" "main" {
  name             = "main"
  database_version = "MYSQL_8_0"
  region           = "europe-west1"

  settings {
    tier = "db-n1-standard-2"

    ip_configuration {
      ssl_mode = var.ssl_mode
    }
  }
}
"#),
            tf_good("Encrypted connections only", r#"
resource "google_sql_database_instance" "main" {
  name             = "main"
  database_version = "POSTGRES_15"
  region           = "europe-west1"

  settings {
    tier = "db-custom-2-7680"

    ip_configuration {
      ssl_mode = "ENCRYPTED_ONLY"
    }
  }
}
"#),
            tf_good("require_ssl with an older provider", r#"
resource "google_sql_database_instance" "main" {
  name             = "main"
  database_version = "MYSQL_5_7"
  region           = "europe-west1"

  settings {
    tier = "db-n1-standard-1"

    ip_configuration {
      require_ssl = true
    }
  }
}
"#),
            tf_good("An SSL mode from a variable without a value is not guessed", r#"
variable "ssl_mode" {
  type = string
}

resource "google_sql_database_instance" "main" {
  name             = "main"
  database_version = "MYSQL_8_0"
  region           = "europe-west1"

  settings {
    tier = "db-n1-standard-2"

    ip_configuration {
      ssl_mode = var.ssl_mode
    }
  }
}
"#),
            dm_bad("No SSL setting at all", r"
resources:
- name: orders-db
  type: sqladmin.v1beta4.instance
  properties:
    region: europe-west1
    databaseVersion: MYSQL_8_0
    settings:
      tier: db-n1-standard-1
"),
            dm_good("Encrypted connections only, from the schema's default", r"
imports:
- path: db.jinja

resources:
- name: payments-db
  type: db.jinja
# file: db.jinja
resources:
- name: {{ env['name'] }}
  type: sqladmin.v1beta4.instance
  properties:
    region: europe-west1
    databaseVersion: POSTGRES_15
    settings:
      tier: db-custom-2-7680
      ipConfiguration:
        sslMode: {{ properties['sslMode'] }}
# file: db.jinja.schema
properties:
  sslMode:
    type: string
    default: ENCRYPTED_ONLY
"),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for db in &state.google.sql.instances {
        match db.requires_ssl() {
            Some(true) => report.pass(&db.resource),
            Some(false) => {
                let (at, message) = match db.ssl_mode.known() {
                    Some(Some(mode)) => (
                        &db.ssl_mode.meta,
                        format!("SSL mode {mode} accepts unencrypted connections"),
                    ),
                    _ => (
                        &db.require_ssl.meta,
                        "Cloud SQL instance does not require SSL".to_string(),
                    ),
                };
                report.add(&db.resource, at, message);
            }
            None => {}
        }
    }
}
