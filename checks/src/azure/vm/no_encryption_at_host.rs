use crate::check::{Fix, Format, arm_bad, arm_good, bicep_bad, bicep_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags a virtual machine or scale set, Linux or Windows, without encryption at host
    /// (`encryption_at_host_enabled`; false by default).
    ///
    /// Managed disks are encrypted at rest by the storage service, but the temporary disk and the
    /// disk caches on the host are not: encryption at host covers them end to end.
    pub static CHECK = {
        id: "azure-vm-no-encryption-at-host",
        title: "Virtual machine has no encryption at host",
        severity: Low,
        risk_score: 3.0,
        provider: Azure,
        service: "vm",
        formats: [Terraform, Arm, Bicep],
        status: Preview,
        compliance: {
            NIST_800_53: ["SC-28"],
            ISO_27001: ["A.8.24"],
            SOC2: ["CC6.1"],
        },
        aliases: [],
        remediation: "Set `encryption_at_host_enabled = true` (the subscription feature `EncryptionAtHost` must be registered).",
        references: ["https://learn.microsoft.com/en-us/azure/virtual-machines/disk-encryption#encryption-at-host---end-to-end-encryption-for-your-vm-data"],
        examples: [
            tf_bad("No encryption at host through a variable's default", r#"
variable "nic_id" {}

variable "admin_password" {
  sensitive = true
}

variable "host_encryption" {
  default = false
}

resource "azurerm_windows_virtual_machine" "app" {
  name                       = "app-vm"
  resource_group_name        = "app-rg"
  location                   = "westeurope"
  size                       = "Standard_D2s_v5"
  admin_username             = "azureadmin"
  admin_password             = var.admin_password
  network_interface_ids      = [var.nic_id]
  encryption_at_host_enabled = var.host_encryption

  os_disk {
    caching              = "ReadWrite"
    storage_account_type = "Premium_LRS"
  }

  source_image_reference {
    publisher = "MicrosoftWindowsServer"
    offer     = "WindowsServer"
    sku       = "2022-datacenter-azure-edition"
    version   = "latest"
  }
}
"#),
            tf_good("Encryption at host", r#"
variable "nic_id" {}

variable "admin_password" {
  sensitive = true
}

resource "azurerm_windows_virtual_machine" "app" {
  name                       = "app-vm"
  resource_group_name        = "app-rg"
  location                   = "westeurope"
  size                       = "Standard_D2s_v5"
  admin_username             = "azureadmin"
  admin_password             = var.admin_password
  network_interface_ids      = [var.nic_id]
  encryption_at_host_enabled = true

  os_disk {
    caching              = "ReadWrite"
    storage_account_type = "Premium_LRS"
  }

  source_image_reference {
    publisher = "MicrosoftWindowsServer"
    offer     = "WindowsServer"
    sku       = "2022-datacenter-azure-edition"
    version   = "latest"
  }
}
"#),
            arm_bad("Encryption at host off from a parameter's default", r#"
{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "parameters": {
    "vmName": {
      "type": "string",
      "defaultValue": "app-vm"
    },
    "sshPublicKey": {
      "type": "string"
    },
    "nicId": {
      "type": "string"
    },
    "hostEncryption": {
      "type": "bool",
      "defaultValue": false
    }
  },
  "resources": [
    {
      "type": "Microsoft.Compute/virtualMachines",
      "apiVersion": "2024-03-01",
      "name": "[parameters('vmName')]",
      "location": "[resourceGroup().location]",
      "properties": {
        "hardwareProfile": {
          "vmSize": "Standard_D2s_v5"
        },
        "osProfile": {
          "computerName": "app-vm",
          "adminUsername": "azureuser",
          "linuxConfiguration": {
            "disablePasswordAuthentication": true,
            "ssh": {
              "publicKeys": [
                {
                  "path": "/home/azureuser/.ssh/authorized_keys",
                  "keyData": "[parameters('sshPublicKey')]"
                }
              ]
            }
          }
        },
        "securityProfile": {
          "encryptionAtHost": "[parameters('hostEncryption')]"
        },
        "networkProfile": {
          "networkInterfaces": [
            {
              "id": "[parameters('nicId')]"
            }
          ]
        }
      }
    }
  ]
}
"#),
            arm_good("The secure value, written literally", r#"
{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "parameters": {
    "vmName": {
      "type": "string",
      "defaultValue": "app-vm"
    },
    "sshPublicKey": {
      "type": "string"
    },
    "nicId": {
      "type": "string"
    }
  },
  "resources": [
    {
      "type": "Microsoft.Compute/virtualMachines",
      "apiVersion": "2024-03-01",
      "name": "[parameters('vmName')]",
      "location": "[resourceGroup().location]",
      "properties": {
        "hardwareProfile": {
          "vmSize": "Standard_D2s_v5"
        },
        "osProfile": {
          "computerName": "app-vm",
          "adminUsername": "azureuser",
          "linuxConfiguration": {
            "disablePasswordAuthentication": true,
            "ssh": {
              "publicKeys": [
                {
                  "path": "/home/azureuser/.ssh/authorized_keys",
                  "keyData": "[parameters('sshPublicKey')]"
                }
              ]
            }
          }
        },
        "securityProfile": {
          "encryptionAtHost": true
        },
        "networkProfile": {
          "networkInterfaces": [
            {
              "id": "[parameters('nicId')]"
            }
          ]
        }
      }
    }
  ]
}
"#),
            bicep_bad("Encryption at host off from a parameter's default", r"
param vmName string = 'app-vm'
param sshPublicKey string
param nicId string
param hostEncryption bool = false

resource virtualMachines 'Microsoft.Compute/virtualMachines@2024-03-01' = {
  name: vmName
  location: resourceGroup().location
  properties: {
    hardwareProfile: {
      vmSize: 'Standard_D2s_v5'
    }
    osProfile: {
      computerName: 'app-vm'
      adminUsername: 'azureuser'
      linuxConfiguration: {
        disablePasswordAuthentication: true
        ssh: {
          publicKeys: [
            {
              path: '/home/azureuser/.ssh/authorized_keys'
              keyData: sshPublicKey
            }
          ]
        }
      }
    }
    securityProfile: {
      encryptionAtHost: hostEncryption
    }
    networkProfile: {
      networkInterfaces: [
        {
          id: nicId
        }
      ]
    }
  }
}
"),
            bicep_good("The secure value, written literally", r"
param vmName string = 'app-vm'
param sshPublicKey string
param nicId string

resource virtualMachines 'Microsoft.Compute/virtualMachines@2024-03-01' = {
  name: vmName
  location: resourceGroup().location
  properties: {
    hardwareProfile: {
      vmSize: 'Standard_D2s_v5'
    }
    osProfile: {
      computerName: 'app-vm'
      adminUsername: 'azureuser'
      linuxConfiguration: {
        disablePasswordAuthentication: true
        ssh: {
          publicKeys: [
            {
              path: '/home/azureuser/.ssh/authorized_keys'
              keyData: sshPublicKey
            }
          ]
        }
      }
    }
    securityProfile: {
      encryptionAtHost: true
    }
    networkProfile: {
      networkInterfaces: [
        {
          id: nicId
        }
      ]
    }
  }
}
"),
        ],
        fixes: [Fix::set(Format::Terraform, &["encryption_at_host_enabled"], "true")],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for r in &state.azure.compute.vms {
        let v = &r.encryption_at_host;
        if v.is_false() {
            report.add(&r.resource, &v.meta, "Encryption at host is off");
        } else if v.is_true() {
            report.pass(&r.resource);
        }
    }
}
