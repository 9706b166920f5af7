resource "azurerm_key_vault_secret" "api" {
  name         = "api-key"
  value        = "placeholder"
  key_vault_id = "/subscriptions/0000/resourceGroups/app-rg/providers/Microsoft.KeyVault/vaults/example-kv"
}
