resource "azurerm_linux_web_app" "site" {
  name                       = "example-site"
  resource_group_name        = "app-rg"
  location                   = "westeurope"
  service_plan_id            = "/subscriptions/0000/resourceGroups/app-rg/providers/Microsoft.Web/serverFarms/plan"
  https_only                 = true
  client_certificate_enabled = true

  site_config {
    minimum_tls_version      = "1.2"
    ftps_state               = "Disabled"
    remote_debugging_enabled = false
    http2_enabled            = false

    cors {
      allowed_origins = ["https://app.example.com"]
    }
  }
}
