resource secrets 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  name: 'example-kv/api-key'
  properties: {
    value: 'placeholder'
    attributes: {}
  }
}
