use crate::check::{arm_bad, arm_good, bicep_bad, bicep_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags a flow log whose retention policy keeps logs for fewer than 90 days. A policy that
    /// is off, or that sets 0 days, keeps them indefinitely.
    ///
    /// Flow logs are the record of who talked to what; an intrusion found after the logs expired can
    /// no longer be traced to its source or scoped.
    pub static CHECK = {
        id: "azure-nsg-flow-log-short-retention",
        title: "Network security group flow logs are kept less than 90 days",
        severity: Low,
        risk_score: 3.0,
        provider: Azure,
        service: "nsg",
        formats: [Terraform, Arm, Bicep],
        status: Preview,
        compliance: {
            CIS_AZURE: ["6.5"],
            NIST_800_53: ["AU-11"],
            ISO_27001: ["A.8.15"],
            SOC2: ["CC7.2"],
        },
        aliases: ["CKV_AZURE_12"],
        remediation: "Set `retention_policy { enabled = true, days = 90 }` or more.",
        references: ["https://learn.microsoft.com/en-us/azure/network-watcher/nsg-flow-logs-overview"],
        examples: [
            tf_bad("30 days through a variable's default", r#"
variable "nsg_id" {}

variable "log_account_id" {}

variable "flow_days" {
  default = 30
}

resource "azurerm_network_watcher_flow_log" "web" {
  name                 = "web-nsg-flows"
  network_watcher_name = "NetworkWatcher_westeurope"
  resource_group_name  = "NetworkWatcherRG"
  target_resource_id   = var.nsg_id
  storage_account_id   = var.log_account_id
  enabled              = true

  retention_policy {
    enabled = true
    days    = var.flow_days
  }
}
"#),
            tf_good("A year", r#"
variable "nsg_id" {}

variable "log_account_id" {}

resource "azurerm_network_watcher_flow_log" "web" {
  name                 = "web-nsg-flows"
  network_watcher_name = "NetworkWatcher_westeurope"
  resource_group_name  = "NetworkWatcherRG"
  target_resource_id   = var.nsg_id
  storage_account_id   = var.log_account_id
  enabled              = true

  retention_policy {
    enabled = true
    days    = 365
  }
}
"#),
            arm_bad("30 days from a parameter's default", r#"
{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "parameters": {
    "nsgId": {
      "type": "string"
    },
    "logAccountId": {
      "type": "string"
    },
    "retentionDays": {
      "type": "int",
      "defaultValue": 30
    }
  },
  "resources": [
    {
      "type": "Microsoft.Network/networkWatchers/flowLogs",
      "apiVersion": "2023-09-01",
      "name": "NetworkWatcher_westeurope/web-nsg-flows",
      "location": "westeurope",
      "properties": {
        "targetResourceId": "[parameters('nsgId')]",
        "storageId": "[parameters('logAccountId')]",
        "enabled": true,
        "retentionPolicy": {
          "enabled": true,
          "days": "[parameters('retentionDays')]"
        }
      }
    }
  ]
}
"#),
            arm_good("A year", r#"
{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "parameters": {
    "nsgId": {
      "type": "string"
    },
    "logAccountId": {
      "type": "string"
    }
  },
  "resources": [
    {
      "type": "Microsoft.Network/networkWatchers/flowLogs",
      "apiVersion": "2023-09-01",
      "name": "NetworkWatcher_westeurope/web-nsg-flows",
      "location": "westeurope",
      "properties": {
        "targetResourceId": "[parameters('nsgId')]",
        "storageId": "[parameters('logAccountId')]",
        "enabled": true,
        "retentionPolicy": {
          "enabled": true,
          "days": 365
        }
      }
    }
  ]
}
"#),
            bicep_bad("30 days from a parameter's default", r"
param nsgId string
param logAccountId string
param retentionDays int = 30

resource flowLogs 'Microsoft.Network/networkWatchers/flowLogs@2023-09-01' = {
  name: 'NetworkWatcher_westeurope/web-nsg-flows'
  location: 'westeurope'
  properties: {
    targetResourceId: nsgId
    storageId: logAccountId
    enabled: true
    retentionPolicy: {
      enabled: true
      days: retentionDays
    }
  }
}
"),
            bicep_good("A year", r"
param nsgId string
param logAccountId string

resource flowLogs 'Microsoft.Network/networkWatchers/flowLogs@2023-09-01' = {
  name: 'NetworkWatcher_westeurope/web-nsg-flows'
  location: 'westeurope'
  properties: {
    targetResourceId: nsgId
    storageId: logAccountId
    enabled: true
    retentionPolicy: {
      enabled: true
      days: 365
    }
  }
}
"),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for f in &state.azure.network.flow_logs {
        if f.retention_enabled.is_false() {
            report.pass(&f.resource);
            continue;
        }
        let days = &f.retention_days;
        match days.known() {
            Some(&d) if f.retention_enabled.is_true() && d > 0 && d < 90 => report.add(
                &f.resource,
                &days.meta,
                format!("Flow logs are kept {d} days"),
            ),
            Some(_) if f.retention_enabled.is_true() => report.pass(&f.resource),
            _ => {}
        }
    }
}
