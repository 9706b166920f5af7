resource "azurerm_network_watcher_flow_log" "web" {
  name                 = "web-nsg-flows"
  network_watcher_name = "NetworkWatcher_westeurope"
  resource_group_name  = "NetworkWatcherRG"
  target_resource_id   = "/subscriptions/0000/resourceGroups/app-rg/providers/Microsoft.Network/networkSecurityGroups/web-nsg"
  storage_account_id   = "/subscriptions/0000/resourceGroups/app-rg/providers/Microsoft.Storage/storageAccounts/logs"
  enabled              = true

  retention_policy {
    enabled = true
    days    = 30
  }
}
