use crate::check::{arm_bad, arm_good, bicep_bad, bicep_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags a storage account whose network rules let every network in (`networkAcls.defaultAction`
    /// is `Allow`, which is Azure's default when no network rules are declared), unless public network
    /// access is disabled altogether.
    ///
    /// With the default action Allow, the account's endpoints answer the whole internet: a leaked
    /// key or SAS token works from anywhere. Denying by default and admitting the virtual networks
    /// and addresses that need it limits what a stolen credential can reach.
    pub static CHECK = {
        id: "azure-storage-network-open",
        title: "Storage account admits every network",
        severity: Medium,
        risk_score: 5.0,
        provider: Azure,
        service: "storage",
        formats: [Terraform, Arm, Bicep],
        compliance: {
            CIS_AZURE: ["3.8"],
            NIST_800_53: ["SC-7", "AC-4"],
            ISO_27001: ["A.8.20", "A.8.22"],
            SOC2: ["CC6.6"],
        },
        aliases: ["CKV_AZURE_35", "AVD-AZU-0012"],
        remediation: "Add `network_rules { default_action = \"Deny\" }` with the subnets and addresses that need access, or set `public_network_access_enabled = false` and use private endpoints.",
        references: ["https://learn.microsoft.com/en-us/azure/storage/common/storage-network-security"],
        examples: [
            tf_bad("Every network admitted through a variable's default", r#"
variable "default_action" {
  default = "Allow"
}

resource "azurerm_storage_account" "data" {
  name                     = "examplecorpdata"
  resource_group_name      = "app-rg"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "GRS"

  network_rules {
    default_action = var.default_action
  }
}
"#),
            tf_good("Deny by default, one office range admitted", r#"
resource "azurerm_storage_account" "data" {
  name                     = "examplecorpdata"
  resource_group_name      = "app-rg"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "GRS"

  network_rules {
    default_action = "Deny"
    ip_rules       = ["203.0.113.0/24"]
  }
}
"#),
            arm_bad("Default action Allow from a parameter's default", r#"
{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "parameters": {
    "accountName": {
      "type": "string",
      "defaultValue": "examplecorpdata"
    },
    "defaultAction": {
      "type": "string",
      "defaultValue": "Allow"
    }
  },
  "resources": [
    {
      "type": "Microsoft.Storage/storageAccounts",
      "apiVersion": "2023-05-01",
      "name": "[parameters('accountName')]",
      "location": "[resourceGroup().location]",
      "sku": {
        "name": "Standard_GRS"
      },
      "kind": "StorageV2",
      "properties": {
        "supportsHttpsTrafficOnly": true,
        "minimumTlsVersion": "TLS1_2",
        "allowBlobPublicAccess": false,
        "allowSharedKeyAccess": false,
        "allowCrossTenantReplication": false,
        "networkAcls": {
          "defaultAction": "[parameters('defaultAction')]",
          "bypass": "AzureServices"
        },
        "encryption": {
          "requireInfrastructureEncryption": true,
          "keySource": "Microsoft.Storage"
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
    "accountName": {
      "type": "string",
      "defaultValue": "examplecorpdata"
    }
  },
  "resources": [
    {
      "type": "Microsoft.Storage/storageAccounts",
      "apiVersion": "2023-05-01",
      "name": "[parameters('accountName')]",
      "location": "[resourceGroup().location]",
      "sku": {
        "name": "Standard_GRS"
      },
      "kind": "StorageV2",
      "properties": {
        "supportsHttpsTrafficOnly": true,
        "minimumTlsVersion": "TLS1_2",
        "allowBlobPublicAccess": false,
        "allowSharedKeyAccess": false,
        "allowCrossTenantReplication": false,
        "networkAcls": {
          "defaultAction": "Deny",
          "bypass": "AzureServices"
        },
        "encryption": {
          "requireInfrastructureEncryption": true,
          "keySource": "Microsoft.Storage"
        }
      }
    }
  ]
}
"#),
            bicep_bad("Default action Allow from a parameter's default", r"
param accountName string = 'examplecorpdata'
param defaultAction string = 'Allow'

resource storageAccounts 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: accountName
  location: resourceGroup().location
  sku: {
    name: 'Standard_GRS'
  }
  kind: 'StorageV2'
  properties: {
    supportsHttpsTrafficOnly: true
    minimumTlsVersion: 'TLS1_2'
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
    allowCrossTenantReplication: false
    networkAcls: {
      defaultAction: defaultAction
      bypass: 'AzureServices'
    }
    encryption: {
      requireInfrastructureEncryption: true
      keySource: 'Microsoft.Storage'
    }
  }
}
"),
            bicep_good("The secure value, written literally", r"
param accountName string = 'examplecorpdata'

resource storageAccounts 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: accountName
  location: resourceGroup().location
  sku: {
    name: 'Standard_GRS'
  }
  kind: 'StorageV2'
  properties: {
    supportsHttpsTrafficOnly: true
    minimumTlsVersion: 'TLS1_2'
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
    allowCrossTenantReplication: false
    networkAcls: {
      defaultAction: 'Deny'
      bypass: 'AzureServices'
    }
    encryption: {
      requireInfrastructureEncryption: true
      keySource: 'Microsoft.Storage'
    }
  }
}
"),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for a in &state.azure.storage.accounts {
        if a.public_network_access.eq_ignore_case("Disabled") {
            report.pass(&a.resource);
            continue;
        }
        let v = &a.network_default_action;
        match v.as_str() {
            Some(s) if s.eq_ignore_ascii_case("Allow") && !a.public_network_access.is_unknown() => {
                let why = if v.is_default() {
                    "No network rules are declared, so every network is admitted"
                } else {
                    "The network rules' default action is Allow"
                };
                report.add(&a.resource, &v.meta, why);
            }
            Some(s) if s.eq_ignore_ascii_case("Deny") => report.pass(&a.resource),
            _ => {}
        }
    }
}
