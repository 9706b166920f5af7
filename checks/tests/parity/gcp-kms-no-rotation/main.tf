resource "google_kms_crypto_key" "data" {
  name     = "data-key"
  key_ring = "projects/example-project/locations/europe-west1/keyRings/data"
}
