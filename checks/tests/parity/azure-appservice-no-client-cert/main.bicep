resource sites 'Microsoft.Web/sites@2023-12-01' = {
  name: 'example-site'
  location: 'westeurope'
  properties: {
    serverFarmId: 'plan'
    httpsOnly: true
    clientCertEnabled: false
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
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
