resource "azurerm_mssql_server" "main" {
  name                          = "example-sql"
  resource_group_name           = "app-rg"
  location                      = "westeurope"
  version                       = "12.0"
  administrator_login           = "sqladmin"
  public_network_access_enabled = false
  minimum_tls_version           = "1.2"

  azuread_administrator {
    login_username = "sql-admins"
    object_id      = "00000000-0000-0000-0000-000000000001"
  }
}

resource "azurerm_mssql_server_extended_auditing_policy" "main" {
  server_id         = azurerm_mssql_server.main.id
  enabled           = false
  retention_in_days = 0
}
