resource "azurerm_container_registry" "main" {
  name                          = "examplecorpacr"
  resource_group_name           = "app-rg"
  location                      = "westeurope"
  sku                           = "Premium"
  admin_enabled                 = false
  public_network_access_enabled = false
  anonymous_pull_enabled        = true
}
