targetScope = 'subscription'

resource roleDefinitions 'Microsoft.Authorization/roleDefinitions@2022-04-01' = {
  name: '11111111-1111-1111-1111-111111111111'
  properties: {
    roleName: 'ops-admin'
    permissions: [
      {
        actions: [
          '*'
        ]
      }
    ]
    assignableScopes: [
      '/subscriptions/00000000-0000-0000-0000-000000000000'
    ]
  }
}
