resource "google_container_cluster" "main" {
  name               = "main"
  location           = "europe-west1-b"
  initial_node_count = 1

  private_cluster_config {
    enable_private_nodes    = true
    enable_private_endpoint = false
  }
}
