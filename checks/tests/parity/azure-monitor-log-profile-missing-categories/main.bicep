targetScope = 'subscription'

resource logprofiles 'Microsoft.Insights/logprofiles@2016-03-01' = {
  name: 'default'
  properties: {
    categories: [
      'Write'
    ]
    locations: [
      'westeurope'
      'global'
    ]
    retentionPolicy: {
      enabled: true
      days: 365
    }
  }
}
