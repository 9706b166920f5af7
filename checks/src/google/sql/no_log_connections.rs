use crate::check::{dm_bad, dm_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use crate::google::sql::judge_flag;
use cloudsentinel_model::State;

declare_check! {
    /// Flags a Cloud SQL for PostgreSQL instance whose `log_connections` database flag is not
    /// on (PostgreSQL's default is off), so the server never records connection attempts and successful authentications.
    ///
    /// With the flag on, PostgreSQL logs every connection attempt and successful authentication: the trail an investigation of
    /// credential stuffing or unusual access starts from.
    pub static CHECK = {
        id: "gcp-sql-no-log-connections",
        title: "Cloud SQL for PostgreSQL does not log connections",
        severity: Low,
        risk_score: 3.0,
        provider: Google,
        service: "sql",
        formats: [Terraform, DeploymentManager],
        status: Preview,
        compliance: {
            CIS_GCP: ["6.2.2"],
            NIST_800_53: ["AU-2", "AU-12"],
            ISO_27001: ["A.8.15"],
            SOC2: ["CC7.2"],
        },
        aliases: ["AVD-GCP-0016"],
        remediation: "Add `database_flags { name = \"log_connections\", value = \"on\" }` to `settings`.",
        references: ["https://cloud.google.com/sql/docs/postgres/flags"],
        examples: [
            tf_bad("No flags at all", r#"
resource "google_sql_database_instance" "pg" {
  name             = "pg"
  database_version = "POSTGRES_15"
  region           = "europe-west1"

  settings {
    tier = "db-custom-2-7680"
  }
}
"#),
            tf_good("The flag on, for each instance of a map", r#"
locals {
  instances = {
    orders  = "db-custom-2-7680"
    billing = "db-custom-1-3840"
  }
}

resource "google_sql_database_instance" "pg" {
  for_each         = local.instances
  name             = each.key
  database_version = "POSTGRES_15"
  region           = "europe-west1"

  settings {
    tier = each.value

    database_flags {
      name  = "log_connections"
      value = "on"
    }
  }
}
"#),
            dm_bad("No flags at all", r"
resources:
- name: orders-db
  type: sqladmin.v1beta4.instance
  properties:
    region: europe-west1
    databaseVersion: POSTGRES_15
    settings:
      tier: db-custom-2-7680
"),
            dm_good("The flag on, for each instance the config names", r#"
imports:
- path: dbs.jinja

resources:
- name: app
  type: dbs.jinja
  properties:
    instances: [orders, billing]
# file: dbs.jinja
resources:
{% for i in properties['instances'] %}
- name: {{ env['name'] }}-{{ i }}
  type: sqladmin.v1beta4.instance
  properties:
    region: europe-west1
    databaseVersion: POSTGRES_15
    settings:
      tier: db-custom-2-7680
      databaseFlags:
      - name: log_connections
        value: "on"
{% endfor %}
"#),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    judge_flag(state, report, "POSTGRES", "log_connections", true, |_| {
        Some((false, "off (PostgreSQL's default)"))
    });
}
