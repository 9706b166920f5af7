resource keys 'Microsoft.KeyVault/vaults/keys@2023-07-01' = {
  name: 'example-kv/data-key'
  properties: {
    kty: 'RSA'
    keySize: 3072
    attributes: {
      exp: 1814400000
    }
  }
}
