resource "google_bigquery_dataset" "open" {
  dataset_id = "open_data"

  access {
    role           = "OWNER"
    group_by_email = "data-owners@example.com"
  }

  access {
    role          = "READER"
    special_group = "allAuthenticatedUsers"
  }
}
