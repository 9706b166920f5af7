resource searchServices 'Microsoft.Search/searchServices@2023-11-01' = {
  name: 'example-search'
  sku: {
    name: 'standard'
  }
  location: 'westeurope'
  properties: {
    publicNetworkAccess: 'enabled'
  }
}
