resource firewallRules 'Microsoft.Sql/servers/firewallRules@2023-08-01-preview' = {
  name: 'example-sql/clients'
  properties: {
    startIpAddress: '0.0.0.0'
    endIpAddress: '255.255.255.255'
  }
}
