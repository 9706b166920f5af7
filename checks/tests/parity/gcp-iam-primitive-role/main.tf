resource "google_project_iam_member" "grant" {
  project = "example-project"
  role    = "roles/editor"
  member  = "serviceAccount:deployer@example-project.iam.gserviceaccount.com"
}
