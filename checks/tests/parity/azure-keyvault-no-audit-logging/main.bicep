resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: 'example-kv'
  location: 'westeurope'
  properties: {
    tenantId: '00000000-0000-0000-0000-000000000000'
    sku: {
      family: 'A'
      name: 'standard'
    }
    enablePurgeProtection: true
    enableRbacAuthorization: true
    publicNetworkAccess: 'Disabled'
  }
}

resource diagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'kv-diagnostics'
  scope: vault
  properties: {
    workspaceId: '/subscriptions/0000/resourceGroups/ops/providers/Microsoft.OperationalInsights/workspaces/ops'
    logs: [
      {
        category: 'AzurePolicyEvaluationDetails'
        enabled: true
      }
    ]
  }
}
