resource registries 'Microsoft.ContainerRegistry/registries@2023-07-01' = {
  name: 'examplecorpacr'
  sku: {
    name: 'Premium'
  }
  location: 'westeurope'
  properties: {
    adminUserEnabled: false
    publicNetworkAccess: 'Enabled'
    anonymousPullEnabled: false
  }
}
