resource "azurerm_redis_cache" "main" {
  name                          = "example-cache"
  location                      = "westeurope"
  resource_group_name           = "app-rg"
  capacity                      = 1
  family                        = "C"
  sku_name                      = "Standard"
  non_ssl_port_enabled          = false
  minimum_tls_version           = "1.0"
  public_network_access_enabled = false
}
