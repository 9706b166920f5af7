resource "azurerm_data_factory" "main" {
  name                = "example-adf"
  location            = "westeurope"
  resource_group_name = "app-rg"
  public_network_enabled = true
}
