resource virtualMachines 'Microsoft.Compute/virtualMachines@2024-03-01' = {
  name: 'app-vm'
  location: 'westeurope'
  properties: {
    hardwareProfile: {
      vmSize: 'Standard_D2s_v5'
    }
    osProfile: {
      computerName: 'app-vm'
      adminUsername: 'azureuser'
      linuxConfiguration: {
        disablePasswordAuthentication: true
      }
    }
    securityProfile: {
      encryptionAtHost: false
    }
  }
}
