resource "google_kms_crypto_key" "shared" {
  name            = "shared-key"
  key_ring        = "projects/example-project/locations/europe-west1/keyRings/app"
  rotation_period = "7776000s"
}

resource "google_kms_crypto_key_iam_member" "everyone" {
  crypto_key_id = google_kms_crypto_key.shared.id
  role          = "roles/cloudkms.cryptoKeyEncrypterDecrypter"
  member        = "allAuthenticatedUsers"
}
