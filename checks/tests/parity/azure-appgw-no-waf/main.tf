resource "azurerm_application_gateway" "web" {
  name                = "web-gateway"
  resource_group_name = "app-rg"
  location            = "westeurope"

  sku {
    name     = "Standard_v2"
    tier     = "Standard_v2"
    capacity = 2
  }
}
