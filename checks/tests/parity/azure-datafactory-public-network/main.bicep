resource factories 'Microsoft.DataFactory/factories@2018-06-01' = {
  name: 'example-adf'
  location: 'westeurope'
  properties: {
    publicNetworkAccess: 'Enabled'
  }
}
