resource "google_dns_managed_zone" "legacy" {
  name        = "legacy-zone"
  dns_name    = "legacy.example.com."
  description = "Legacy zone"

  dnssec_config {
    state = "on"

    default_key_specs {
      key_type  = "keySigning"
      algorithm = "ecdsap256sha256"
    }

    default_key_specs {
      key_type  = "zoneSigning"
      algorithm = "rsasha1"
    }
  }
}
