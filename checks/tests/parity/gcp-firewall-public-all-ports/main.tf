resource "google_compute_firewall" "rule" {
  name          = "allow-all"
  network       = "default"
  source_ranges = ["0.0.0.0/0"]

  allow {
    protocol = "all"
  }
}
