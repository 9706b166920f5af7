resource servers 'Microsoft.Sql/servers@2023-08-01-preview' = {
  name: 'example-sql'
  location: 'westeurope'
  properties: {
    administratorLogin: 'sqladmin'
    version: '12.0'
    publicNetworkAccess: 'Enabled'
    minimalTlsVersion: '1.2'
    administrators: {
      administratorType: 'ActiveDirectory'
      login: 'sql-admins'
      sid: '00000000-0000-0000-0000-000000000001'
    }
  }
}

resource auditingSettings1 'Microsoft.Sql/servers/auditingSettings@2023-08-01-preview' = {
  name: 'example-sql/default'
  properties: {
    state: 'Enabled'
    retentionDays: 0
  }
}
