resource namespaces 'Microsoft.EventHub/namespaces@2024-01-01' = {
  name: 'example-eventhub'
  sku: {
    name: 'Standard'
  }
  location: 'westeurope'
  properties: {
    disableLocalAuth: false
  }
}
