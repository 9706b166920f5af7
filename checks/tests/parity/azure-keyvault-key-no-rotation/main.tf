resource "azurerm_key_vault_key" "data" {
  name            = "data-key"
  key_vault_id    = "/subscriptions/0000/resourceGroups/app-rg/providers/Microsoft.KeyVault/vaults/example-kv"
  key_type        = "RSA"
  key_size        = 3072
  key_opts        = ["wrapKey", "unwrapKey"]
  expiration_date = "2027-06-30T00:00:00Z"
}
