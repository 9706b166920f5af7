resource servers 'Microsoft.DBforPostgreSQL/servers@2017-12-01' = {
  name: 'example-pg'
  location: 'westeurope'
  properties: {
    version: '11'
    administratorLogin: 'pgadmin'
    sslEnforcement: 'Disabled'
    publicNetworkAccess: 'Disabled'
    storageProfile: {
      geoRedundantBackup: 'Enabled'
    }
    minimalTlsVersion: 'TLS1_2'
  }
}
