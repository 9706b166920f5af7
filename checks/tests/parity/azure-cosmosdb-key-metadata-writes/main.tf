resource "azurerm_cosmosdb_account" "main" {
  name                               = "example-cosmos"
  location                           = "westeurope"
  resource_group_name                = "app-rg"
  offer_type                         = "Standard"
  kind                               = "GlobalDocumentDB"
  public_network_access_enabled      = false
  is_virtual_network_filter_enabled  = false
  local_authentication_disabled      = true
  access_key_metadata_writes_enabled = true

  consistency_policy {
    consistency_level = "Session"
  }

  geo_location {
    location          = "westeurope"
    failover_priority = 0
  }
}
