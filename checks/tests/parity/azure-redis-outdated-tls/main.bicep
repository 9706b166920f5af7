resource redis 'Microsoft.Cache/redis@2024-03-01' = {
  name: 'example-cache'
  location: 'westeurope'
  properties: {
    sku: {
      name: 'Standard'
      family: 'C'
      capacity: 1
    }
    enableNonSslPort: false
    minimumTlsVersion: '1.0'
    publicNetworkAccess: 'Disabled'
  }
}
