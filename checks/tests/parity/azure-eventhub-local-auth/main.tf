resource "azurerm_eventhub_namespace" "main" {
  name                = "example-eventhub"
  location            = "westeurope"
  resource_group_name = "app-rg"
  sku                 = "Standard"
  local_authentication_enabled = true
}
