use crate::check::{arm_bad, arm_good, bicep_bad, bicep_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags a key vault whose network ACL's default action is Allow, or that declares no
    /// network ACL (every network is then admitted), unless public network access is disabled.
    ///
    /// A vault reachable from every network lets a stolen token or a misconfigured access policy be
    /// used from anywhere; denying by default confines use to the virtual networks and addresses
    /// that need it.
    pub static CHECK = {
        id: "azure-keyvault-network-open",
        title: "Key vault admits every network",
        severity: Medium,
        risk_score: 5.0,
        provider: Azure,
        service: "keyvault",
        formats: [Terraform, Arm, Bicep],
        compliance: {
            CIS_AZURE: ["8.7"],
            NIST_800_53: ["SC-7", "AC-4"],
            ISO_27001: ["A.8.20", "A.8.22"],
            SOC2: ["CC6.6"],
        },
        aliases: ["CKV_AZURE_109"],
        remediation: "Add `network_acls { default_action = \"Deny\", bypass = \"AzureServices\" }` with the subnets and addresses that need the vault, or set `public_network_access_enabled = false`.",
        references: ["https://learn.microsoft.com/en-us/azure/key-vault/general/network-security"],
        examples: [
            tf_bad("No network ACL, the tenant from a data source", r#"
data "azurerm_client_config" "current" {}

resource "azurerm_key_vault" "main" {
  name                = "example-kv"
  location            = "westeurope"
  resource_group_name = "app-rg"
  tenant_id           = data.azurerm_client_config.current.tenant_id
  sku_name            = "standard"
  purge_protection_enabled = true
}
"#),
            tf_good("Deny by default", r#"
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
            arm_bad("Default action Allow from a parameter's default", r#"
{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "parameters": {
    "vaultName": {
      "type": "string",
      "defaultValue": "example-kv"
    },
    "defaultAction": {
      "type": "string",
      "defaultValue": "Allow"
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
          "defaultAction": "[parameters('defaultAction')]",
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
            bicep_bad("Default action Allow from a parameter's default", r"
param vaultName string = 'example-kv'
param defaultAction string = 'Allow'

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
      defaultAction: defaultAction
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
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for v in &state.azure.keyvault.vaults {
        if v.public_network_access.is_false() {
            report.pass(&v.resource);
            continue;
        }
        let a = &v.network_default_action;
        match a.known() {
            Some(None) if v.public_network_access.is_true() => report.add(
                &v.resource,
                &a.meta,
                "No network ACL is declared, so every network is admitted",
            ),
            Some(Some(action))
                if action.eq_ignore_ascii_case("Allow") && v.public_network_access.is_true() =>
            {
                report.add(
                    &v.resource,
                    &a.meta,
                    "The network ACL's default action is Allow",
                );
            }
            Some(Some(action)) if action.eq_ignore_ascii_case("Deny") => report.pass(&v.resource),
            _ => {}
        }
    }
}
