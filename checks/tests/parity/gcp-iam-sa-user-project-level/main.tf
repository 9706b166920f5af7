resource "google_project_iam_member" "grant" {
  project = "example-project"
  role    = "roles/iam.serviceAccountUser"
  member  = "group:ci@example.com"
}
