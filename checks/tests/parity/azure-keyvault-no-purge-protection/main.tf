resource "azurerm_key_vault" "main" {
  name                          = "example-kv"
  location                      = "westeurope"
  resource_group_name           = "app-rg"
  tenant_id                     = "00000000-0000-0000-0000-000000000000"
  sku_name                      = "standard"
  purge_protection_enabled      = false
  rbac_authorization_enabled    = true
  public_network_access_enabled = true

  network_acls {
    default_action = "Deny"
    bypass         = "AzureServices"
  }
}
