use crate::check::{Fix, Format, arm_bad, arm_good, bicep_bad, bicep_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags a Linux virtual machine or scale set that allows SSH password authentication
    /// (`disable_password_authentication = false`; the azurerm provider's default is true).
    ///
    /// Passwords are guessed, reused and phished; an SSH endpoint that accepts them is brute-forced.
    /// SSH keys (or Entra ID login) cannot be guessed.
    pub static CHECK = {
        id: "azure-vm-password-auth",
        title: "Linux VM allows password authentication",
        severity: Medium,
        risk_score: 5.5,
        provider: Azure,
        service: "vm",
        formats: [Terraform, Arm, Bicep],
        compliance: {
            NIST_800_53: ["IA-2", "IA-5"],
            ISO_27001: ["A.5.17", "A.8.5"],
            SOC2: ["CC6.1"],
        },
        aliases: ["CKV_AZURE_1", "CKV_AZURE_149"],
        remediation: "Set `disable_password_authentication = true` (the default) and give `admin_ssh_key`.",
        references: ["https://learn.microsoft.com/en-us/azure/virtual-machines/linux/create-ssh-keys-detailed"],
        examples: [
            tf_bad("Passwords allowed, the password from a variable", r#"
variable "nic_id" {}

variable "admin_password" {
  sensitive = true
}

resource "azurerm_linux_virtual_machine" "app" {
  name                  = "app-vm"
  resource_group_name   = "app-rg"
  location              = "westeurope"
  size                  = "Standard_B2s"
  admin_username        = "azureuser"
  network_interface_ids = [var.nic_id]
  admin_password        = var.admin_password

  disable_password_authentication = false

  os_disk {
    caching              = "ReadWrite"
    storage_account_type = "Standard_LRS"
  }

  source_image_reference {
    publisher = "Canonical"
    offer     = "0001-com-ubuntu-server-jammy"
    sku       = "22_04-lts"
    version   = "latest"
  }
}
"#),
            tf_good("SSH keys only, by default", r#"
variable "nic_id" {}

resource "azurerm_linux_virtual_machine" "app" {
  name                  = "app-vm"
  resource_group_name   = "app-rg"
  location              = "westeurope"
  size                  = "Standard_B2s"
  admin_username        = "azureuser"
  network_interface_ids = [var.nic_id]

  admin_ssh_key {
    username   = "azureuser"
    public_key = file("~/.ssh/id_ed25519.pub")
  }

  os_disk {
    caching              = "ReadWrite"
    storage_account_type = "Standard_LRS"
  }

  source_image_reference {
    publisher = "Canonical"
    offer     = "0001-com-ubuntu-server-jammy"
    sku       = "22_04-lts"
    version   = "latest"
  }
}
"#),
            arm_bad("Password authentication from a parameter's default", r#"
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
    "disablePasswords": {
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
            "disablePasswordAuthentication": "[parameters('disablePasswords')]",
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
            bicep_bad("Password authentication from a parameter's default", r"
param vmName string = 'app-vm'
param sshPublicKey string
param nicId string
param disablePasswords bool = false

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
        disablePasswordAuthentication: disablePasswords
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
        fixes: [Fix::set(Format::Terraform, &["disable_password_authentication"], "true")],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for vm in &state.azure.compute.linux_vms {
        let v = &vm.password_auth_disabled;
        if v.is_false() {
            report.add(
                &vm.resource,
                &v.meta,
                "SSH password authentication is allowed",
            );
        } else if v.is_true() {
            report.pass(&vm.resource);
        }
    }
}
