resource "azurerm_postgresql_server" "main" {
  name                             = "example-pg"
  location                         = "westeurope"
  resource_group_name              = "app-rg"
  sku_name                         = "GP_Gen5_2"
  version                          = "11"
  administrator_login              = "pgadmin"
  ssl_enforcement_enabled          = true
  public_network_access_enabled    = true
  geo_redundant_backup_enabled     = true
  ssl_minimal_tls_version_enforced = "TLS1_2"
}
