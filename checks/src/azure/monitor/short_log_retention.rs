use crate::check::{arm_bad, arm_good, bicep_bad, bicep_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags an activity log profile whose retention policy keeps logs for fewer than 365 days.
    /// A policy that is off, or that sets 0 days, keeps them indefinitely.
    ///
    /// Intrusions are often found months after they began; an activity log that is already deleted
    /// cannot say who changed what.
    pub static CHECK = {
        id: "azure-monitor-short-log-retention",
        title: "Activity log is kept less than a year",
        severity: Low,
        risk_score: 3.0,
        provider: Azure,
        service: "monitor",
        formats: [Terraform, Arm, Bicep],
        compliance: {
            NIST_800_53: ["AU-11"],
            ISO_27001: ["A.8.15"],
            SOC2: ["CC7.2"],
        },
        aliases: ["CKV_AZURE_37"],
        remediation: "Set `retention_policy { enabled = true, days = 365 }` or more (or keep logs indefinitely).",
        references: ["https://learn.microsoft.com/en-us/azure/azure-monitor/essentials/activity-log"],
        examples: [
            tf_bad("90 days through a variable's default", r#"
variable "log_account_id" {}

variable "retention_days" {
  default = 90
}

resource "azurerm_monitor_log_profile" "main" {
  name               = "default"
  categories         = ["Action", "Delete", "Write"]
  locations          = ["westeurope", "global"]
  storage_account_id = var.log_account_id

  retention_policy {
    enabled = true
    days    = var.retention_days
  }
}
"#),
            tf_good("A year", r#"
variable "log_account_id" {}

resource "azurerm_monitor_log_profile" "main" {
  name               = "default"
  categories         = ["Action", "Delete", "Write"]
  locations          = ["westeurope", "global"]
  storage_account_id = var.log_account_id

  retention_policy {
    enabled = true
    days    = 365
  }
}
"#),
            arm_bad("90 days from a parameter's default", r#"
{
  "$schema": "https://schema.management.azure.com/schemas/2018-05-01/subscriptionDeploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "parameters": {
    "logAccountId": {
      "type": "string"
    },
    "retentionDays": {
      "type": "int",
      "defaultValue": 90
    }
  },
  "resources": [
    {
      "type": "Microsoft.Insights/logprofiles",
      "apiVersion": "2016-03-01",
      "name": "default",
      "properties": {
        "categories": [
          "Action",
          "Delete",
          "Write"
        ],
        "locations": [
          "westeurope",
          "global"
        ],
        "storageAccountId": "[parameters('logAccountId')]",
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
  "$schema": "https://schema.management.azure.com/schemas/2018-05-01/subscriptionDeploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "parameters": {
    "logAccountId": {
      "type": "string"
    }
  },
  "resources": [
    {
      "type": "Microsoft.Insights/logprofiles",
      "apiVersion": "2016-03-01",
      "name": "default",
      "properties": {
        "categories": [
          "Action",
          "Delete",
          "Write"
        ],
        "locations": [
          "westeurope",
          "global"
        ],
        "storageAccountId": "[parameters('logAccountId')]",
        "retentionPolicy": {
          "enabled": true,
          "days": 365
        }
      }
    }
  ]
}
"#),
            bicep_bad("90 days from a parameter's default", r"
targetScope = 'subscription'

param logAccountId string
param retentionDays int = 90

resource logprofiles 'Microsoft.Insights/logprofiles@2016-03-01' = {
  name: 'default'
  properties: {
    categories: [
      'Action'
      'Delete'
      'Write'
    ]
    locations: [
      'westeurope'
      'global'
    ]
    storageAccountId: logAccountId
    retentionPolicy: {
      enabled: true
      days: retentionDays
    }
  }
}
"),
            bicep_good("A year", r"
targetScope = 'subscription'

param logAccountId string

resource logprofiles 'Microsoft.Insights/logprofiles@2016-03-01' = {
  name: 'default'
  properties: {
    categories: [
      'Action'
      'Delete'
      'Write'
    ]
    locations: [
      'westeurope'
      'global'
    ]
    storageAccountId: logAccountId
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
    for p in &state.azure.monitor.log_profiles {
        if p.retention_enabled.is_false() {
            report.pass(&p.resource);
            continue;
        }
        let days = &p.retention_days;
        match days.known() {
            Some(&d) if p.retention_enabled.is_true() && d > 0 && d < 365 => report.add(
                &p.resource,
                &days.meta,
                format!("Activity logs are kept {d} days"),
            ),
            Some(_) if p.retention_enabled.is_true() => report.pass(&p.resource),
            _ => {}
        }
    }
}
