use crate::check::{Fix, Format, arm_bad, arm_good, bicep_bad, bicep_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;
use cloudsentinel_model::azure::tls_below_1_2;

declare_check! {
    /// Flags a storage account whose minimum TLS version (`minimumTlsVersion`) is below 1.2.
    /// The azurerm provider's default is `TLS1_2`.
    ///
    /// TLS 1.0 and 1.1 have known weaknesses and are deprecated (RFC 8996); Azure Storage retires
    /// them. A client forced down to them exposes its traffic to downgrade attacks.
    pub static CHECK = {
        id: "azure-storage-outdated-tls",
        title: "Storage account accepts TLS older than 1.2",
        severity: Medium,
        risk_score: 5.0,
        provider: Azure,
        service: "storage",
        formats: [Terraform, Arm, Bicep],
        compliance: {
            CIS_AZURE: ["3.15"],
            NIST_800_53: ["SC-8", "SC-13"],
            ISO_27001: ["A.8.24"],
            SOC2: ["CC6.7"],
        },
        aliases: ["CKV_AZURE_44", "AVD-AZU-0011"],
        remediation: "Set `min_tls_version = \"TLS1_2\"` (the default).",
        references: ["https://learn.microsoft.com/en-us/azure/storage/common/transport-layer-security-configure-minimum-version"],
        examples: [
            tf_bad("TLS 1.0 allowed through a variable's default", r#"
variable "min_tls" {
  default = "TLS1_0"
}

resource "azurerm_storage_account" "data" {
  name                     = "examplecorpdata"
  resource_group_name      = "app-rg"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "GRS"
  min_tls_version          = var.min_tls
}
"#),
            tf_good("TLS 1.2 by default", r#"
resource "azurerm_storage_account" "data" {
  name                     = "examplecorpdata"
  resource_group_name      = "app-rg"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "GRS"
}
"#),
            arm_bad("TLS 1.0 from a parameter's default", r#"
{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "parameters": {
    "accountName": {
      "type": "string",
      "defaultValue": "examplecorpdata"
    },
    "minTls": {
      "type": "string",
      "defaultValue": "TLS1_0"
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
        "minimumTlsVersion": "[parameters('minTls')]",
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
            bicep_bad("TLS 1.0 from a parameter's default", r"
param accountName string = 'examplecorpdata'
param minTls string = 'TLS1_0'

resource storageAccounts 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: accountName
  location: resourceGroup().location
  sku: {
    name: 'Standard_GRS'
  }
  kind: 'StorageV2'
  properties: {
    supportsHttpsTrafficOnly: true
    minimumTlsVersion: minTls
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
        ],
        fixes: [Fix::set(Format::Terraform, &["min_tls_version"], "\"TLS1_2\"")],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for a in &state.azure.storage.accounts {
        let v = &a.min_tls_version;
        match v.as_str().and_then(tls_below_1_2) {
            Some(true) => report.add(
                &a.resource,
                &v.meta,
                format!(
                    "The minimum TLS version is {}",
                    v.as_str().unwrap_or_default()
                ),
            ),
            Some(false) => report.pass(&a.resource),
            None => {}
        }
    }
}
