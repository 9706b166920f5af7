use crate::check::{Fix, Format, arm_bad, arm_good, bicep_bad, bicep_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags a storage account that lets its containers be made public
    /// (`allowBlobPublicAccess`, Terraform's `allow_nested_items_to_be_public`, whose azurerm default
    /// is true), and a blob container whose public access level is `Blob` or `Container` (Terraform's
    /// `container_access_type` `blob` or `container`) in an account that does not forbid it.
    ///
    /// A public container serves its blobs to anyone with the URL (and, at `Container` level, lists
    /// them): the most common cause of data leaks from Azure Storage. Turning public access off on
    /// the account makes every container private, whatever the container says.
    pub static CHECK = {
        id: "azure-storage-public-blob",
        title: "Storage account allows public blob access",
        severity: High,
        risk_score: 7.5,
        provider: Azure,
        service: "storage",
        formats: [Terraform, Arm, Bicep],
        compliance: {
            CIS_AZURE: ["3.7"],
            NIST_800_53: ["AC-3", "AC-21"],
            ISO_27001: ["A.5.15", "A.8.3"],
            SOC2: ["CC6.1"],
        },
        aliases: ["CKV_AZURE_190", "CKV_AZURE_34"],
        remediation: "Set `allow_nested_items_to_be_public = false` on the account and `container_access_type = \"private\"` on its containers; share data with SAS tokens or Entra ID roles.",
        references: ["https://learn.microsoft.com/en-us/azure/storage/blobs/anonymous-read-access-prevent"],
        examples: [
            tf_bad("Public containers allowed through a variable's default", r#"
variable "public_containers" {
  default = true
}

resource "azurerm_storage_account" "data" {
  name                     = "examplecorpdata"
  resource_group_name      = "app-rg"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "GRS"
  allow_nested_items_to_be_public = var.public_containers
}
"#),
            tf_good("Public access forbidden, a private container", r#"
resource "azurerm_storage_account" "data" {
  name                     = "examplecorpdata"
  resource_group_name      = "app-rg"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "GRS"
  allow_nested_items_to_be_public = false
}

resource "azurerm_storage_container" "reports" {
  name                  = "reports"
  storage_account_id    = azurerm_storage_account.data.id
  container_access_type = "private"
}
"#),
            tf_bad("A public container in an account declared elsewhere", r#"
variable "storage_account_id" {}

resource "azurerm_storage_container" "site" {
  name                  = "site"
  storage_account_id    = var.storage_account_id
  container_access_type = "blob"
}
"#),
            arm_bad("Public containers allowed from a parameter's default", r#"
{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "parameters": {
    "accountName": {
      "type": "string",
      "defaultValue": "examplecorpdata"
    },
    "publicBlobs": {
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
        "allowBlobPublicAccess": "[parameters('publicBlobs')]",
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
            bicep_bad("Public containers allowed from a parameter's default", r"
param accountName string = 'examplecorpdata'
param publicBlobs bool = true

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
    allowBlobPublicAccess: publicBlobs
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
        ],
        fixes: [Fix::set(Format::Terraform, &["allow_nested_items_to_be_public"], "false")],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for a in &state.azure.storage.accounts {
        let v = &a.allow_blob_public_access;
        if v.is_true() {
            report.add(
                &a.resource,
                &v.meta,
                "The account lets its containers be made public (`allowBlobPublicAccess`)",
            );
        } else if v.is_false() {
            report.pass(&a.resource);
        }
    }
    for c in &state.azure.storage.containers {
        let v = &c.public_access;
        let Some(level) = v.as_str() else { continue };
        let public = ["blob", "container"]
            .iter()
            .any(|p| level.eq_ignore_ascii_case(p));
        if !public || c.account_allows_public.is_false() {
            report.pass(&c.resource);
        } else {
            report.add(
                &c.resource,
                &v.meta,
                format!("The container's public access level is `{level}`"),
            );
        }
    }
}
