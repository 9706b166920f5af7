use crate::check::{arm_bad, arm_good, bicep_bad, bicep_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;
use cloudsentinel_model::azure::keyvault::ItemKind;

declare_check! {
    /// Flags a key vault secret or key without an expiration date (`attributes.exp`,
    /// Terraform's `expiration_date`). A key whose rotation policy sets `expire_after` expires with
    /// each version.
    ///
    /// A credential that never expires is never rotated by necessity: a leaked one stays valid
    /// indefinitely. An expiry date forces rotation and bounds the damage.
    ///
    /// Default: no expiry. `attributes.exp` is optional in the keys and secrets APIs, and a
    /// secret or key created without it never expires.
    pub static CHECK = {
        id: "azure-keyvault-secret-no-expiry",
        title: "Key vault secret or key never expires",
        severity: Low,
        risk_score: 3.0,
        provider: Azure,
        service: "keyvault",
        formats: [Terraform, Arm, Bicep],
        compliance: {
            CIS_AZURE: ["8.3", "8.4"],
            NIST_800_53: ["IA-5", "SC-12"],
            ISO_27001: ["A.5.17"],
            SOC2: ["CC6.1"],
        },
        aliases: ["CKV_AZURE_41", "CKV_AZURE_40"],
        remediation: "Set `expiration_date` and rotate the secret or key before it.",
        references: ["https://learn.microsoft.com/en-us/azure/key-vault/secrets/about-secrets", "https://learn.microsoft.com/en-us/azure/templates/microsoft.keyvault/vaults/secrets"],
        examples: [
            tf_bad("A secret from a variable, with no expiry", r#"
variable "api_key" {
  sensitive = true
}

resource "azurerm_key_vault_secret" "api" {
  name         = "api-key"
  value        = var.api_key
  key_vault_id = "/subscriptions/0000/resourceGroups/app-rg/providers/Microsoft.KeyVault/vaults/example-kv"
}
"#),
            tf_good("A secret that expires", r#"
variable "api_key" {
  sensitive = true
}

resource "azurerm_key_vault_secret" "api" {
  name            = "api-key"
  value           = var.api_key
  key_vault_id    = "/subscriptions/0000/resourceGroups/app-rg/providers/Microsoft.KeyVault/vaults/example-kv"
  expiration_date = "2027-06-30T00:00:00Z"
}
"#),
            tf_good("A key that expires through its rotation policy", r#"
variable "key_vault_id" {}

resource "azurerm_key_vault_key" "data" {
  name         = "data-key"
  key_vault_id = var.key_vault_id
  key_type     = "RSA"
  key_size     = 3072
  key_opts     = ["wrapKey", "unwrapKey"]

  rotation_policy {
    expire_after         = "P90D"
    notify_before_expiry = "P29D"

    automatic {
      time_before_expiry = "P30D"
    }
  }
}
"#),
            arm_bad("A secret of a vault named by a parameter, with no expiry", r#"
{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "parameters": {
    "vaultName": {
      "type": "string",
      "defaultValue": "example-kv"
    },
    "apiKey": {
      "type": "securestring"
    }
  },
  "resources": [
    {
      "type": "Microsoft.KeyVault/vaults/secrets",
      "apiVersion": "2023-07-01",
      "name": "[concat(parameters('vaultName'), '/api-key')]",
      "properties": {
        "value": "[parameters('apiKey')]",
        "attributes": {
          "enabled": true
        }
      }
    }
  ]
}
"#),
            arm_good("A secret that expires", r#"
{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "parameters": {
    "vaultName": {
      "type": "string",
      "defaultValue": "example-kv"
    },
    "apiKey": {
      "type": "securestring"
    }
  },
  "resources": [
    {
      "type": "Microsoft.KeyVault/vaults/secrets",
      "apiVersion": "2023-07-01",
      "name": "[concat(parameters('vaultName'), '/api-key')]",
      "properties": {
        "value": "[parameters('apiKey')]",
        "attributes": {
          "enabled": true,
          "exp": 1814400000
        }
      }
    }
  ]
}
"#),
            bicep_bad("A secret of a vault named by a parameter, with no expiry", r"
param vaultName string = 'example-kv'
@secure()
param apiKey string

resource secrets 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  name: '${vaultName}/api-key'
  properties: {
    value: apiKey
    attributes: {
      enabled: true
    }
  }
}
"),
            bicep_good("A secret that expires", r"
param vaultName string = 'example-kv'
@secure()
param apiKey string

resource secrets 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  name: '${vaultName}/api-key'
  properties: {
    value: apiKey
    attributes: {
      enabled: true
      exp: 1814400000
    }
  }
}
"),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for item in &state.azure.keyvault.items {
        let what = match item.kind {
            ItemKind::Key => "key",
            ItemKind::Secret => "secret",
        };
        match item.expiration.known() {
            Some(None) => report.add(
                &item.resource,
                &item.expiration.meta,
                format!("The {what} has no expiration date"),
            ),
            Some(Some(_)) => report.pass(&item.resource),
            None => {}
        }
    }
}
