resource "google_compute_instance" "vm" {
  name         = "app-vm"
  zone         = "europe-west1-b"
  machine_type = "e2-small"

  boot_disk {
    initialize_params {
      image = "debian-cloud/debian-12"
    }
  }

  network_interface {
    network = "default"
  }

  can_ip_forward = true
}
