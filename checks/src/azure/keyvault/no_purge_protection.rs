use crate::check::{Fix, Format, arm_bad, arm_good, bicep_bad, bicep_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags a key vault with purge protection off (the azurerm provider's default for
    /// `purge_protection_enabled` is false).
    ///
    /// Without purge protection, a deleted vault or key can be purged before its retention period
    /// ends: an attacker or a mistake destroys the keys for good, and with them every piece of data
    /// encrypted under them.
    pub static CHECK = {
        id: "azure-keyvault-no-purge-protection",
        title: "Key vault has purge protection off",
        severity: Medium,
        risk_score: 5.0,
        provider: Azure,
        service: "keyvault",
        formats: [Terraform, Arm, Bicep],
        compliance: {
            CIS_AZURE: ["8.5"],
            NIST_800_53: ["CP-9", "SC-12"],
            ISO_27001: ["A.8.13"],
            SOC2: ["A1.2"],
        },
        aliases: ["CKV_AZURE_110", "CKV_AZURE_42"],
        remediation: "Set `purge_protection_enabled = true` (it cannot be turned off again).",
        references: ["https://learn.microsoft.com/en-us/azure/key-vault/general/soft-delete-overview#purge-protection"],
        examples: [
            tf_bad("Purge protection off by default, the tenant from a data source", r#"
data "azurerm_client_config" "current" {}

resource "azurerm_key_vault" "main" {
  name                = "example-kv"
  location            = "westeurope"
  resource_group_name = "app-rg"
  tenant_id           = data.azurerm_client_config.current.tenant_id
  sku_name            = "standard"

  network_acls {
    default_action = "Deny"
    bypass         = "AzureServices"
  }
}
"#),
            tf_good("Purge protection on", r#"
data "azurerm_client_config" "current" {}

resource "azurerm_key_vault" "main" {
  name                = "example-kv"
  location            = "westeurope"
  resource_group_name = "app-rg"
  tenant_id           = data.azurerm_client_config.current.tenant_id
  sku_name            = "standard"
  purge_protection_enabled = true

  network_acls {
    default_action = "Deny"
    bypass         = "AzureServices"
  }
}
"#),
            arm_bad("Purge protection off from a parameter's default", r#"
{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "parameters": {
    "vaultName": {
      "type": "string",
      "defaultValue": "example-kv"
    },
    "purgeProtection": {
      "type": "bool",
      "defaultValue": false
    }
  },
  "resources": [
    {
      "type": "Microsoft.KeyVault/vaults",
      "apiVersion": "2023-07-01",
      "name": "[parameters('vaultName')]",
      "location": "[resourceGroup().location]",
      "properties": {
        "tenantId": "[subscription().tenantId]",
        "sku": {
          "family": "A",
          "name": "standard"
        },
        "enablePurgeProtection": "[parameters('purgeProtection')]",
        "enableRbacAuthorization": true,
        "networkAcls": {
          "defaultAction": "Deny",
          "bypass": "AzureServices"
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
    "vaultName": {
      "type": "string",
      "defaultValue": "example-kv"
    }
  },
  "resources": [
    {
      "type": "Microsoft.KeyVault/vaults",
      "apiVersion": "2023-07-01",
      "name": "[parameters('vaultName')]",
      "location": "[resourceGroup().location]",
      "properties": {
        "tenantId": "[subscription().tenantId]",
        "sku": {
          "family": "A",
          "name": "standard"
        },
        "enablePurgeProtection": true,
        "enableRbacAuthorization": true,
        "networkAcls": {
          "defaultAction": "Deny",
          "bypass": "AzureServices"
        }
      }
    }
  ]
}
"#),
            bicep_bad("Purge protection off from a parameter's default", r"
param vaultName string = 'example-kv'
param purgeProtection bool = false

resource vaults 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: vaultName
  location: resourceGroup().location
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enablePurgeProtection: purgeProtection
    enableRbacAuthorization: true
    networkAcls: {
      defaultAction: 'Deny'
      bypass: 'AzureServices'
    }
  }
}
"),
            bicep_good("The secure value, written literally", r"
param vaultName string = 'example-kv'

resource vaults 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: vaultName
  location: resourceGroup().location
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enablePurgeProtection: true
    enableRbacAuthorization: true
    networkAcls: {
      defaultAction: 'Deny'
      bypass: 'AzureServices'
    }
  }
}
"),
        ],
        fixes: [Fix::set(Format::Terraform, &["purge_protection_enabled"], "true")],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for v in &state.azure.keyvault.vaults {
        let p = &v.purge_protection;
        if p.is_false() {
            report.add(&v.resource, &p.meta, "Purge protection is off");
        } else if p.is_true() {
            report.pass(&v.resource);
        }
    }
}
