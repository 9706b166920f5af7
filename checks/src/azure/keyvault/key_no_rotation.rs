use crate::check::{arm_bad, arm_good, bicep_bad, bicep_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;
use cloudsentinel_model::azure::keyvault::ItemKind;

declare_check! {
    /// Flags a key vault key without an automatic rotation policy (`rotation_policy` with an
    /// `automatic` block).
    ///
    /// A key that is rotated by hand is rarely rotated at all: the longer one version protects data,
    /// the more a single leak exposes.
    ///
    /// Default: no rotation. A key without `rotationPolicy` (azurerm's `rotation_policy`) whose
    /// `lifetimeActions` include `Rotate` is never rotated by Key Vault.
    pub static CHECK = {
        id: "azure-keyvault-key-no-rotation",
        title: "Key vault key is not rotated automatically",
        severity: Low,
        risk_score: 3.0,
        provider: Azure,
        service: "keyvault",
        formats: [Terraform, Arm, Bicep],
        status: Preview,
        compliance: {
            NIST_800_53: ["SC-12"],
            ISO_27001: ["A.8.24"],
            SOC2: ["CC6.1"],
        },
        aliases: [],
        remediation: "Add `rotation_policy { automatic { time_before_expiry = \"P30D\" } expire_after = \"P90D\" }`.",
        references: ["https://learn.microsoft.com/en-us/azure/key-vault/keys/how-to-configure-key-rotation", "https://learn.microsoft.com/en-us/azure/templates/microsoft.keyvault/vaults/keys"],
        examples: [
            tf_bad("A key in a vault given by a variable, never rotated", r#"
variable "key_vault_id" {}

resource "azurerm_key_vault_key" "data" {
  name            = "data-key"
  key_vault_id    = var.key_vault_id
  key_type        = "RSA"
  key_size        = 3072
  key_opts        = ["wrapKey", "unwrapKey"]
  expiration_date = "2027-06-30T00:00:00Z"
}
"#),
            tf_good("Rotated every 60 days", r#"
variable "key_vault_id" {}

resource "azurerm_key_vault_key" "data" {
  name         = "data-key"
  key_vault_id = var.key_vault_id
  key_type     = "RSA"
  key_size     = 3072
  key_opts     = ["wrapKey", "unwrapKey"]

  rotation_policy {
    expire_after = "P90D"

    automatic {
      time_after_creation = "P60D"
    }
  }
}
"#),
            arm_bad("A key of a vault named by a parameter, never rotated", r#"
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
      "type": "Microsoft.KeyVault/vaults/keys",
      "apiVersion": "2023-07-01",
      "name": "[concat(parameters('vaultName'), '/data-key')]",
      "properties": {
        "kty": "RSA",
        "keySize": 3072,
        "keyOps": [
          "wrapKey",
          "unwrapKey"
        ],
        "attributes": {
          "enabled": true,
          "exp": 1814400000
        }
      }
    }
  ]
}
"#),
            arm_good("Rotated every 60 days", r#"
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
      "type": "Microsoft.KeyVault/vaults/keys",
      "apiVersion": "2023-07-01",
      "name": "[concat(parameters('vaultName'), '/data-key')]",
      "properties": {
        "kty": "RSA",
        "keySize": 3072,
        "keyOps": [
          "wrapKey",
          "unwrapKey"
        ],
        "attributes": {
          "enabled": true,
          "exp": 1814400000
        },
        "rotationPolicy": {
          "lifetimeActions": [
            {
              "action": {
                "type": "rotate"
              },
              "trigger": {
                "timeAfterCreate": "P60D"
              }
            }
          ],
          "attributes": {
            "expiryTime": "P90D"
          }
        }
      }
    }
  ]
}
"#),
            bicep_bad("A key of a vault named by a parameter, never rotated", r"
param vaultName string = 'example-kv'

resource keys 'Microsoft.KeyVault/vaults/keys@2023-07-01' = {
  name: '${vaultName}/data-key'
  properties: {
    kty: 'RSA'
    keySize: 3072
    keyOps: [
      'wrapKey'
      'unwrapKey'
    ]
    attributes: {
      enabled: true
      exp: 1814400000
    }
  }
}
"),
            bicep_good("Rotated every 60 days", r"
param vaultName string = 'example-kv'

resource keys 'Microsoft.KeyVault/vaults/keys@2023-07-01' = {
  name: '${vaultName}/data-key'
  properties: {
    kty: 'RSA'
    keySize: 3072
    keyOps: [
      'wrapKey'
      'unwrapKey'
    ]
    attributes: {
      enabled: true
      exp: 1814400000
    }
    rotationPolicy: {
      lifetimeActions: [
        {
          action: {
            type: 'rotate'
          }
          trigger: {
            timeAfterCreate: 'P60D'
          }
        }
      ]
      attributes: {
        expiryTime: 'P90D'
      }
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
        if item.kind != ItemKind::Key {
            continue;
        }
        let v = &item.auto_rotation;
        if v.is_false() {
            report.add(
                &item.resource,
                &v.meta,
                "The key has no automatic rotation policy",
            );
        } else if v.is_true() {
            report.pass(&item.resource);
        }
    }
}
