resource "azurerm_key_vault" "main" {
  name                          = "example-kv"
  location                      = "westeurope"
  resource_group_name           = "app-rg"
  tenant_id                     = "00000000-0000-0000-0000-000000000000"
  sku_name                      = "standard"
  purge_protection_enabled      = true
  rbac_authorization_enabled    = true
  public_network_access_enabled = false
}

resource "azurerm_monitor_diagnostic_setting" "kv" {
  name                       = "kv-diagnostics"
  target_resource_id         = azurerm_key_vault.main.id
  log_analytics_workspace_id = "/subscriptions/0000/resourceGroups/ops/providers/Microsoft.OperationalInsights/workspaces/ops"

  enabled_log {
    category = "AzurePolicyEvaluationDetails"
  }
}
