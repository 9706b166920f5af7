resource namespaces 'Microsoft.ServiceBus/namespaces@2022-10-01-preview' = {
  name: 'example-servicebus'
  sku: {
    name: 'Standard'
  }
  location: 'westeurope'
  properties: {
    disableLocalAuth: false
  }
}
