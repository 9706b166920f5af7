use crate::check::{Fix, Format, arm_bad, arm_good, bicep_bad, bicep_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags a storage account that allows object replication to accounts in other Entra
    /// tenants (`cross_tenant_replication_enabled = true`). The azurerm provider's default changed
    /// (true in 3.x, false in 4.x), so only a written value is judged.
    ///
    /// Whoever can configure replication on the account can copy its data continuously to a
    /// tenant the organisation does not control.
    pub static CHECK = {
        id: "azure-storage-cross-tenant-replication",
        title: "Storage account allows replication to other tenants",
        severity: Medium,
        risk_score: 4.0,
        provider: Azure,
        service: "storage",
        formats: [Terraform, Arm, Bicep],
        status: Preview,
        compliance: {
            NIST_800_53: ["AC-4", "AC-21"],
            ISO_27001: ["A.5.14", "A.8.12"],
            SOC2: ["CC6.7"],
        },
        aliases: [],
        remediation: "Set `cross_tenant_replication_enabled = false`.",
        references: ["https://learn.microsoft.com/en-us/azure/storage/blobs/object-replication-prevent-cross-tenant-policies"],
        examples: [
            tf_bad("Cross-tenant replication through a variable's default", r#"
variable "cross_tenant" {
  default = true
}

resource "azurerm_storage_account" "data" {
  name                            = "examplecorpdata"
  resource_group_name             = "app-rg"
  location                        = "westeurope"
  account_tier                    = "Standard"
  account_replication_type        = "GRS"
  allow_nested_items_to_be_public = false
  cross_tenant_replication_enabled = var.cross_tenant
}
"#),
            tf_good("Cross-tenant replication off", r#"
resource "azurerm_storage_account" "data" {
  name                            = "examplecorpdata"
  resource_group_name             = "app-rg"
  location                        = "westeurope"
  account_tier                    = "Standard"
  account_replication_type        = "GRS"
  allow_nested_items_to_be_public = false
  cross_tenant_replication_enabled = false
}
"#),
            arm_bad("Cross-tenant replication from a parameter's default", r#"
{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "parameters": {
    "accountName": {
      "type": "string",
      "defaultValue": "examplecorpdata"
    },
    "crossTenant": {
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
        "allowSharedKeyAccess": false,
        "allowCrossTenantReplication": "[parameters('crossTenant')]",
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
            bicep_bad("Cross-tenant replication from a parameter's default", r"
param accountName string = 'examplecorpdata'
param crossTenant bool = true

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
    allowCrossTenantReplication: crossTenant
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
        fixes: [Fix::set(Format::Terraform, &["cross_tenant_replication_enabled"], "false")],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for r in &state.azure.storage.accounts {
        let v = &r.cross_tenant_replication;
        if v.is_true() {
            report.add(
                &r.resource,
                &v.meta,
                "Replication to other tenants is allowed",
            );
        } else if v.is_false() {
            report.pass(&r.resource);
        }
    }
}
