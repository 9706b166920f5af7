resource databaseAccounts 'Microsoft.DocumentDB/databaseAccounts@2024-05-15' = {
  name: 'example-cosmos'
  kind: 'GlobalDocumentDB'
  location: 'westeurope'
  properties: {
    databaseAccountOfferType: 'Standard'
    publicNetworkAccess: 'Disabled'
    isVirtualNetworkFilterEnabled: false
    disableLocalAuth: true
    disableKeyBasedMetadataWriteAccess: false
  }
}
