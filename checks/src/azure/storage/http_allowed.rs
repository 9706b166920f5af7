use crate::check::{Fix, Format, arm_bad, arm_good, bicep_bad, bicep_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags a storage account that accepts requests over plain HTTP
    /// (`supportsHttpsTrafficOnly`, Terraform's `https_traffic_only_enabled`, is false). The azurerm
    /// provider's default is true.
    ///
    /// Over HTTP, shared keys' signatures, SAS tokens and the data itself cross the network in
    /// clear text: anyone on the path can read them and replay the tokens.
    pub static CHECK = {
        id: "azure-storage-http-allowed",
        title: "Storage account accepts plain HTTP",
        severity: High,
        risk_score: 7.0,
        provider: Azure,
        service: "storage",
        formats: [Terraform, Arm, Bicep],
        compliance: {
            CIS_AZURE: ["3.1"],
            NIST_800_53: ["SC-8", "SC-13"],
            ISO_27001: ["A.8.24"],
            SOC2: ["CC6.7"],
        },
        aliases: ["CKV_AZURE_3", "AVD-AZU-0008"],
        remediation: "Set `https_traffic_only_enabled = true` (the default); clients must use HTTPS.",
        references: ["https://learn.microsoft.com/en-us/azure/storage/common/storage-require-secure-transfer"],
        examples: [
            tf_bad("HTTP allowed through a variable's default", r#"
variable "https_only" {
  default = false
}

resource "azurerm_storage_account" "data" {
  name                     = "examplecorpdata"
  resource_group_name      = "app-rg"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "GRS"
  https_traffic_only_enabled = var.https_only
}
"#),
            tf_good("HTTPS only by default", r#"
resource "azurerm_storage_account" "data" {
  name                     = "examplecorpdata"
  resource_group_name      = "app-rg"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "GRS"
}
"#),
            arm_bad("HTTPS-only off from a parameter's default", r#"
{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "parameters": {
    "accountName": {
      "type": "string",
      "defaultValue": "examplecorpdata"
    },
    "httpsOnly": {
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
        "supportsHttpsTrafficOnly": "[parameters('httpsOnly')]",
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
            bicep_bad("HTTPS-only off from a parameter's default", r"
param accountName string = 'examplecorpdata'
param httpsOnly bool = false

resource storageAccounts 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: accountName
  location: resourceGroup().location
  sku: {
    name: 'Standard_GRS'
  }
  kind: 'StorageV2'
  properties: {
    supportsHttpsTrafficOnly: httpsOnly
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
            tf_bad("An azapi_resource body: ARM's property, from a variable", r#"
variable "https_only" {
  default = false
}

resource "azapi_resource" "data" {
  type      = "Microsoft.Storage/storageAccounts@2023-05-01"
  name      = "examplecorpdata"
  parent_id = "/subscriptions/0000/resourceGroups/app-rg"
  location  = "westeurope"

  body = {
    kind = "StorageV2"
    sku = {
      name = "Standard_GRS"
    }
    properties = {
      supportsHttpsTrafficOnly = var.https_only
      minimumTlsVersion        = "TLS1_2"
    }
  }
}
"#),
        ],
        fixes: [Fix::set(Format::Terraform, &["https_traffic_only_enabled"], "true")],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for a in &state.azure.storage.accounts {
        let v = &a.https_only;
        if v.is_false() {
            report.add(
                &a.resource,
                &v.meta,
                "The storage account accepts plain HTTP",
            );
        } else if v.is_true() {
            report.pass(&a.resource);
        }
    }
}
