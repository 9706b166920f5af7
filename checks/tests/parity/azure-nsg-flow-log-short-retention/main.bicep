resource flowLogs 'Microsoft.Network/networkWatchers/flowLogs@2023-09-01' = {
  name: 'NetworkWatcher_westeurope/web-nsg-flows'
  location: 'westeurope'
  properties: {
    targetResourceId: '/subscriptions/0000/resourceGroups/app-rg/providers/Microsoft.Network/networkSecurityGroups/web-nsg'
    storageId: '/subscriptions/0000/resourceGroups/app-rg/providers/Microsoft.Storage/storageAccounts/logs'
    enabled: true
    retentionPolicy: {
      enabled: true
      days: 30
    }
  }
}
