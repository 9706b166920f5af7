resource "google_dns_managed_zone" "public" {
  name        = "public-zone"
  dns_name    = "example.com."
  description = "Public zone"
}
