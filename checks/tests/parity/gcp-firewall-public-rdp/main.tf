resource "google_compute_firewall" "rule" {
  name          = "allow-rdp"
  network       = "default"
  source_ranges = ["0.0.0.0/0"]

  allow {
    protocol = "tcp"
    ports    = ["3389"]
  }
}
