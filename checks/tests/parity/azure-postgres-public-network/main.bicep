resource servers 'Microsoft.DBforPostgreSQL/servers@2017-12-01' = {
  name: 'example-pg'
  location: 'westeurope'
  properties: {
    version: '11'
    administratorLogin: 'pgadmin'
    sslEnforcement: 'Enabled'
    publicNetworkAccess: 'Enabled'
    storageProfile: {
      geoRedundantBackup: 'Enabled'
    }
    minimalTlsVersion: 'TLS1_2'
  }
}
