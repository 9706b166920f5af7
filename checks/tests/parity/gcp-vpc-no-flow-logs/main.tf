resource "google_compute_subnetwork" "app" {
  name          = "app-europe-west1"
  region        = "europe-west1"
  network       = "app"
  ip_cidr_range = "10.1.0.0/20"
}
