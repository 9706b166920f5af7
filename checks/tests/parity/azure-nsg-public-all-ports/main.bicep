resource networkSecurityGroups 'Microsoft.Network/networkSecurityGroups@2023-09-01' = {
  name: 'web-nsg'
  location: 'westeurope'
  properties: {
    securityRules: [
      {
        name: 'allow-in'
        properties: {
          priority: 100
          direction: 'Inbound'
          access: 'Allow'
          protocol: 'Tcp'
          sourcePortRange: '*'
          destinationPortRange: '*'
          sourceAddressPrefix: '0.0.0.0/0'
          destinationAddressPrefix: '*'
        }
      }
    ]
  }
}
