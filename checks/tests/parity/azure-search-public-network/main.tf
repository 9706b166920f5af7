resource "azurerm_search_service" "main" {
  name                = "example-search"
  location            = "westeurope"
  resource_group_name = "app-rg"
  sku                 = "standard"
  public_network_access_enabled = true
}
