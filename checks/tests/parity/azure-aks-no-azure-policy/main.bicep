resource managedClusters 'Microsoft.ContainerService/managedClusters@2024-05-01' = {
  name: 'example-aks'
  identity: {
    type: 'SystemAssigned'
  }
  location: 'westeurope'
  properties: {
    dnsPrefix: 'example'
    enableRBAC: true
    disableLocalAccounts: true
    agentPoolProfiles: [
      {
        name: 'system'
        count: 3
        vmSize: 'Standard_D2s_v5'
        enableNodePublicIP: false
      }
    ]
    networkProfile: {
      networkPlugin: 'azure'
      networkPolicy: 'azure'
    }
    apiServerAccessProfile: {
      enablePrivateCluster: false
      authorizedIPRanges: [
        '203.0.113.0/24'
      ]
    }
    addonProfiles: {
      azurepolicy: {
        enabled: false
      }
      omsagent: {
        enabled: true
      }
    }
  }
}
