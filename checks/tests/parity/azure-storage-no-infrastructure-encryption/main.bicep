resource storageAccounts 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: 'examplecorpdata'
  sku: {
    name: 'Standard_GRS'
  }
  kind: 'StorageV2'
  location: 'westeurope'
  properties: {
    supportsHttpsTrafficOnly: true
    minimumTlsVersion: 'TLS1_2'
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
    allowCrossTenantReplication: false
    encryption: {
      requireInfrastructureEncryption: false
    }
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Deny'
    }
  }
}
