resource "azurerm_servicebus_namespace" "main" {
  name                = "example-servicebus"
  location            = "westeurope"
  resource_group_name = "app-rg"
  sku                 = "Standard"
  local_auth_enabled = true
}
