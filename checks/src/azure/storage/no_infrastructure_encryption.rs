use crate::check::{Fix, Format, arm_bad, arm_good, bicep_bad, bicep_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags a storage account without infrastructure encryption
    /// (`infrastructure_encryption_enabled`; false by default, and it can only be set when the
    /// account is created).
    ///
    /// Infrastructure encryption adds a second, independent layer of AES-256 encryption under the
    /// service-level one, so one broken algorithm, key or implementation does not expose the data.
    pub static CHECK = {
        id: "azure-storage-no-infrastructure-encryption",
        title: "Storage account has no infrastructure encryption",
        severity: Low,
        risk_score: 2.5,
        provider: Azure,
        service: "storage",
        formats: [Terraform, Arm, Bicep],
        status: Preview,
        compliance: {
            CIS_AZURE: ["3.2"],
            NIST_800_53: ["SC-28"],
            ISO_27001: ["A.8.24"],
            SOC2: ["CC6.1"],
        },
        aliases: [],
        remediation: "Create the account with `infrastructure_encryption_enabled = true`.",
        references: ["https://learn.microsoft.com/en-us/azure/storage/common/infrastructure-encryption-enable"],
        examples: [
            tf_bad("Single encryption through a variable's default", r#"
variable "double_encryption" {
  default = false
}

resource "azurerm_storage_account" "data" {
  name                            = "examplecorpdata"
  resource_group_name             = "app-rg"
  location                        = "westeurope"
  account_tier                    = "Standard"
  account_replication_type        = "GRS"
  allow_nested_items_to_be_public = false
  infrastructure_encryption_enabled = var.double_encryption
}
"#),
            tf_good("Infrastructure encryption on", r#"
resource "azurerm_storage_account" "data" {
  name                            = "examplecorpdata"
  resource_group_name             = "app-rg"
  location                        = "westeurope"
  account_tier                    = "Standard"
  account_replication_type        = "GRS"
  allow_nested_items_to_be_public = false
  infrastructure_encryption_enabled = true
}
"#),
            arm_bad("Infrastructure encryption off from a parameter's default", r#"
{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "parameters": {
    "accountName": {
      "type": "string",
      "defaultValue": "examplecorpdata"
    },
    "doubleEncryption": {
      "type": "bool",
      "defaultValue": false
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
          "requireInfrastructureEncryption": "[parameters('doubleEncryption')]",
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
            bicep_bad("Infrastructure encryption off from a parameter's default", r"
param accountName string = 'examplecorpdata'
param doubleEncryption bool = false

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
      requireInfrastructureEncryption: doubleEncryption
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
        fixes: [Fix::set(Format::Terraform, &["infrastructure_encryption_enabled"], "true")],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for r in &state.azure.storage.accounts {
        let v = &r.infrastructure_encryption;
        if v.is_false() {
            report.add(&r.resource, &v.meta, "Infrastructure encryption is off");
        } else if v.is_true() {
            report.pass(&r.resource);
        }
    }
}
