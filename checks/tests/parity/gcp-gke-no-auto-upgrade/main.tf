resource "google_container_node_pool" "workers" {
  name     = "workers"
  cluster  = "main"
  location = "europe-west1-b"

  management {
    auto_upgrade = false
  }
}
