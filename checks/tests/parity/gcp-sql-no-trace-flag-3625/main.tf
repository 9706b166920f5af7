resource "google_sql_database_instance" "db" {
  name             = "orders-db"
  database_version = "SQLSERVER_2019_STANDARD"
  region           = "europe-west1"

  settings {
    tier = "db-custom-2-7680"

    database_flags {
      name  = "3625"
      value = "off"
    }
  }
}
