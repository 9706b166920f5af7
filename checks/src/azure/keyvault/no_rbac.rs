use crate::check::{Fix, Format, arm_bad, arm_good, bicep_bad, bicep_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags a key vault that authorises data-plane access with vault access policies instead
    /// of Azure RBAC (`rbac_authorization_enabled`, `enable_rbac_authorization` in provider 3.x;
    /// false by default).
    ///
    /// Access policies grant per-vault permissions outside Azure RBAC: they escape Privileged
    /// Identity Management, conditional access on role activation and the organisation's role
    /// reviews, and anyone with Contributor on the vault can grant themselves access.
    pub static CHECK = {
        id: "azure-keyvault-no-rbac",
        title: "Key vault uses access policies instead of Azure RBAC",
        severity: Low,
        risk_score: 3.5,
        provider: Azure,
        service: "keyvault",
        formats: [Terraform, Arm, Bicep],
        status: Preview,
        compliance: {
            CIS_AZURE: ["8.6"],
            NIST_800_53: ["AC-2", "AC-6"],
            ISO_27001: ["A.5.15", "A.5.18"],
            SOC2: ["CC6.3"],
        },
        aliases: [],
        remediation: "Set `rbac_authorization_enabled = true` and grant Key Vault data-plane roles.",
        references: ["https://learn.microsoft.com/en-us/azure/key-vault/general/rbac-guide"],
        examples: [
            tf_bad("Access policies by default, the tenant from a data source", r#"
data "azurerm_client_config" "current" {}

resource "azurerm_key_vault" "main" {
  name                     = "example-kv"
  location                 = "westeurope"
  resource_group_name      = "app-rg"
  tenant_id                = data.azurerm_client_config.current.tenant_id
  sku_name                 = "standard"
  purge_protection_enabled = true

  network_acls {
    default_action = "Deny"
    bypass         = "AzureServices"
  }
}
"#),
            tf_good("Azure RBAC", r#"
data "azurerm_client_config" "current" {}

resource "azurerm_key_vault" "main" {
  name                     = "example-kv"
  location                 = "westeurope"
  resource_group_name      = "app-rg"
  tenant_id                = data.azurerm_client_config.current.tenant_id
  sku_name                 = "standard"
  purge_protection_enabled = true
  rbac_authorization_enabled = true

  network_acls {
    default_action = "Deny"
    bypass         = "AzureServices"
  }
}
"#),
            arm_bad("Access policies from a parameter's default", r#"
{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "parameters": {
    "vaultName": {
      "type": "string",
      "defaultValue": "example-kv"
    },
    "rbac": {
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
        "enablePurgeProtection": true,
        "enableRbacAuthorization": "[parameters('rbac')]",
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
            bicep_bad("Access policies from a parameter's default", r"
param vaultName string = 'example-kv'
param rbac bool = false

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
    enableRbacAuthorization: rbac
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
        fixes: [Fix::set(Format::Terraform, &["rbac_authorization_enabled"], "true")],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for r in &state.azure.keyvault.vaults {
        let v = &r.rbac_authorization;
        if v.is_false() {
            report.add(
                &r.resource,
                &v.meta,
                "Access is authorised by vault access policies, not Azure RBAC",
            );
        } else if v.is_true() {
            report.pass(&r.resource);
        }
    }
}
