resource "google_sql_database_instance" "db" {
  name             = "orders-db"
  database_version = "POSTGRES_15"
  region           = "europe-west1"

  settings {
    tier = "db-custom-2-7680"

    database_flags {
      name  = "cloudsql.enable_pgaudit"
      value = "off"
    }
  }
}
