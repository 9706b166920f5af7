resource "google_sql_database_instance" "db" {
  name             = "orders-db"
  database_version = "MYSQL_8_0"
  region           = "europe-west1"

  settings {
    tier = "db-custom-2-7680"

    backup_configuration {
      enabled = false
    }
  }
}
