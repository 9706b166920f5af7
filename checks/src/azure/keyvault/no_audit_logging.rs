use crate::check::{arm_bad, arm_good, bicep_bad, bicep_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags a key vault whose audit events are not logged: no diagnostic setting in the scan
    /// targets it (`azurerm_monitor_diagnostic_setting.target_resource_id`, an ARM or Bicep
    /// `Microsoft.Insights/diagnosticSettings` resource scoped to the vault), or none of its
    /// settings enables the `AuditEvent` category or the `audit` / `allLogs` category group.
    ///
    /// Azure keeps no record of who read which secret or key unless a diagnostic setting
    /// sends the vault's audit log somewhere; by default, none does. Without it, a leaked
    /// credential used against the vault leaves no trace to investigate.
    ///
    /// A diagnostic setting whose target or categories cannot be evaluated (a module input, a
    /// parameter without a value) leaves the vault undecided: no finding. Organisations that
    /// attach diagnostic settings with Azure Policy (`DeployIfNotExists`) rather than in the
    /// vault's own code can disable this check in their configuration.
    pub static CHECK = {
        id: "azure-keyvault-no-audit-logging",
        title: "Key vault audit events are not logged",
        severity: Medium,
        risk_score: 4.5,
        provider: Azure,
        service: "keyvault",
        formats: [Terraform, Arm, Bicep],
        status: Preview,
        compliance: {
            CIS_AZURE: ["5.1.4"],
            NIST_800_53: ["AU-2", "AU-12"],
            ISO_27001: ["A.8.15"],
            SOC2: ["CC7.2"],
        },
        aliases: [],
        remediation: "Add a diagnostic setting for the vault that enables the `audit` category group (or the `AuditEvent` category) and sends it to a Log Analytics workspace, a storage account or an event hub.",
        references: [
            "https://learn.microsoft.com/en-us/azure/key-vault/general/logging",
            "https://learn.microsoft.com/en-us/azure/azure-monitor/essentials/diagnostic-settings",
        ],
        examples: [
            tf_bad("A diagnostic setting for metrics only, its categories from a variable", r#"
variable "metric_categories" {
  default = ["AllMetrics"]
}

resource "azurerm_key_vault" "main" {
  name                = "example-kv"
  location            = "westeurope"
  resource_group_name = "app-rg"
  tenant_id           = "00000000-0000-0000-0000-000000000000"
  sku_name            = "standard"
}

resource "azurerm_monitor_diagnostic_setting" "kv" {
  name                       = "kv-diagnostics"
  target_resource_id         = azurerm_key_vault.main.id
  log_analytics_workspace_id = "/subscriptions/0000/resourceGroups/ops/providers/Microsoft.OperationalInsights/workspaces/ops"

  dynamic "enabled_metric" {
    for_each = var.metric_categories
    content {
      category = enabled_metric.value
    }
  }
}
"#),
            tf_good("The audit category group sent to a workspace", r#"
resource "azurerm_key_vault" "main" {
  name                = "example-kv"
  location            = "westeurope"
  resource_group_name = "app-rg"
  tenant_id           = "00000000-0000-0000-0000-000000000000"
  sku_name            = "standard"
}

resource "azurerm_monitor_diagnostic_setting" "kv" {
  name                       = "kv-diagnostics"
  target_resource_id         = azurerm_key_vault.main.id
  log_analytics_workspace_id = "/subscriptions/0000/resourceGroups/ops/providers/Microsoft.OperationalInsights/workspaces/ops"

  enabled_log {
    category_group = "audit"
  }
}
"#),
            tf_bad("Only the storage account has a diagnostic setting", r#"
resource "azurerm_key_vault" "main" {
  name                = "example-kv"
  location            = "westeurope"
  resource_group_name = "app-rg"
  tenant_id           = "00000000-0000-0000-0000-000000000000"
  sku_name            = "standard"
}

resource "azurerm_storage_account" "logs" {
  name                     = "examplelogs"
  resource_group_name      = "app-rg"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "LRS"
}

resource "azurerm_monitor_diagnostic_setting" "storage" {
  name               = "storage-diagnostics"
  target_resource_id = azurerm_storage_account.logs.id
  storage_account_id = azurerm_storage_account.logs.id

  enabled_log {
    category_group = "audit"
  }
}
"#),
            arm_bad("No diagnostic setting, the vault named by a parameter", r#"
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
        }
      }
    }
  ]
}
"#),
            arm_good("A diagnostic setting scoped to the vault with allLogs", r#"
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
        }
      }
    },
    {
      "type": "Microsoft.Insights/diagnosticSettings",
      "apiVersion": "2021-05-01-preview",
      "scope": "[resourceId('Microsoft.KeyVault/vaults', parameters('vaultName'))]",
      "name": "kv-diagnostics",
      "properties": {
        "workspaceId": "/subscriptions/0000/resourceGroups/ops/providers/Microsoft.OperationalInsights/workspaces/ops",
        "logs": [
          {
            "categoryGroup": "allLogs",
            "enabled": true
          }
        ]
      },
      "dependsOn": [
        "[resourceId('Microsoft.KeyVault/vaults', parameters('vaultName'))]"
      ]
    }
  ]
}
"#),
            bicep_bad("The audit category turned off by a parameter", r"
param vaultName string = 'example-kv'
param auditEnabled bool = false

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: vaultName
  location: resourceGroup().location
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
  }
}

resource diagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'kv-diagnostics'
  scope: vault
  properties: {
    workspaceId: '/subscriptions/0000/resourceGroups/ops/providers/Microsoft.OperationalInsights/workspaces/ops'
    logs: [
      {
        category: 'AuditEvent'
        enabled: auditEnabled
      }
    ]
  }
}
"),
            bicep_good("The AuditEvent category sent to a workspace", r"
param vaultName string = 'example-kv'

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: vaultName
  location: resourceGroup().location
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
  }
}

resource diagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'kv-diagnostics'
  scope: vault
  properties: {
    workspaceId: '/subscriptions/0000/resourceGroups/ops/providers/Microsoft.OperationalInsights/workspaces/ops'
    logs: [
      {
        category: 'AuditEvent'
        enabled: true
      }
    ]
  }
}
"),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for v in &state.azure.keyvault.vaults {
        let a = &v.audit_logging;
        if a.is_false() {
            let message = if a.is_default() {
                "No diagnostic setting logs this vault's audit events"
            } else {
                "This diagnostic setting does not log the vault's audit events"
            };
            report.add(&v.resource, &a.meta, message);
        } else if a.is_true() {
            report.pass(&v.resource);
        }
    }
}
