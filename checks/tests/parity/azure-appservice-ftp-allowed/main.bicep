resource sites 'Microsoft.Web/sites@2023-12-01' = {
  name: 'example-site'
  location: 'westeurope'
  properties: {
    serverFarmId: 'plan'
    httpsOnly: true
    clientCertEnabled: true
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'AllAllowed'
      remoteDebuggingEnabled: false
      http20Enabled: true
      cors: {
        allowedOrigins: [
          'https://app.example.com'
        ]
      }
    }
  }
}
