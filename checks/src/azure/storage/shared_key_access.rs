use crate::check::{Fix, Format, arm_bad, arm_good, bicep_bad, bicep_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags a storage account that accepts shared key authorisation
    /// (`shared_access_key_enabled`; true by default): the account keys and SAS tokens signed with
    /// them.
    ///
    /// An account key is full control of every container, queue, table and share, with no identity
    /// in the logs; SAS tokens signed with it cannot be revoked short of rotating the key. Entra ID
    /// authorisation gives each caller its own, auditable and revocable rights.
    pub static CHECK = {
        id: "azure-storage-shared-key-access",
        title: "Storage account accepts shared keys",
        severity: Medium,
        risk_score: 4.5,
        provider: Azure,
        service: "storage",
        formats: [Terraform, Arm, Bicep],
        status: Preview,
        compliance: {
            NIST_800_53: ["IA-2", "AC-2"],
            ISO_27001: ["A.5.16", "A.5.17"],
            SOC2: ["CC6.1"],
        },
        aliases: ["CKV2_AZURE_40"],
        remediation: "Set `shared_access_key_enabled = false` and grant Storage data roles (use user-delegation SAS where SAS is needed).",
        references: ["https://learn.microsoft.com/en-us/azure/storage/common/shared-key-authorization-prevent"],
        examples: [
            tf_bad("Shared keys through a variable's default", r#"
variable "shared_keys" {
  default = true
}

resource "azurerm_storage_account" "data" {
  name                            = "examplecorpdata"
  resource_group_name             = "app-rg"
  location                        = "westeurope"
  account_tier                    = "Standard"
  account_replication_type        = "GRS"
  allow_nested_items_to_be_public = false
  shared_access_key_enabled       = var.shared_keys
}
"#),
            tf_good("Entra ID only", r#"
resource "azurerm_storage_account" "data" {
  name                            = "examplecorpdata"
  resource_group_name             = "app-rg"
  location                        = "westeurope"
  account_tier                    = "Standard"
  account_replication_type        = "GRS"
  allow_nested_items_to_be_public = false
  shared_access_key_enabled       = false
}
"#),
            arm_bad("Shared keys allowed from a parameter's default", r#"
{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "parameters": {
    "accountName": {
      "type": "string",
      "defaultValue": "examplecorpdata"
    },
    "sharedKeys": {
      "type": "bool",
      "defaultValue": true
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
        "allowSharedKeyAccess": "[parameters('sharedKeys')]",
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
            bicep_bad("Shared keys allowed from a parameter's default", r"
param accountName string = 'examplecorpdata'
param sharedKeys bool = true

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
    allowSharedKeyAccess: sharedKeys
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
        fixes: [Fix::set(Format::Terraform, &["shared_access_key_enabled"], "false")],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for r in &state.azure.storage.accounts {
        let v = &r.shared_key_access;
        if v.is_true() {
            report.add(&r.resource, &v.meta, "Shared key authorisation is allowed");
        } else if v.is_false() {
            report.pass(&r.resource);
        }
    }
}
