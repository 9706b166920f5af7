use crate::check::{arm_bad, arm_good, bicep_bad, bicep_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::{Meta, State};

declare_check! {
    /// Flags an activity log profile whose categories do not include all of `Write`, `Delete`
    /// and `Action`.
    ///
    /// A profile that drops a category loses that kind of control-plane event: deleted resources or
    /// invoked actions (key listing, role assignments) then leave no exported trace.
    pub static CHECK = {
        id: "azure-monitor-log-profile-missing-categories",
        title: "Activity log profile does not capture every category",
        severity: Low,
        risk_score: 3.0,
        provider: Azure,
        service: "monitor",
        formats: [Terraform, Arm, Bicep],
        status: Preview,
        compliance: {
            NIST_800_53: ["AU-2", "AU-12"],
            ISO_27001: ["A.8.15"],
            SOC2: ["CC7.2"],
        },
        aliases: ["CKV_AZURE_38"],
        remediation: "Set `categories = [\"Action\", \"Delete\", \"Write\"]`.",
        references: ["https://learn.microsoft.com/en-us/azure/azure-monitor/essentials/activity-log"],
        examples: [
            tf_bad("Writes only, through a variable's default", r#"
variable "log_account_id" {}

variable "categories" {
  default = ["Write"]
}

resource "azurerm_monitor_log_profile" "main" {
  name               = "default"
  categories         = var.categories
  locations          = ["westeurope", "global"]
  storage_account_id = var.log_account_id

  retention_policy {
    enabled = true
    days    = 365
  }
}
"#),
            tf_good("Every category", r#"
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
            arm_bad("Writes only, from a parameter's default", r#"
{
  "$schema": "https://schema.management.azure.com/schemas/2018-05-01/subscriptionDeploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "parameters": {
    "logAccountId": {
      "type": "string"
    },
    "categories": {
      "type": "array",
      "defaultValue": [
        "Write"
      ]
    }
  },
  "resources": [
    {
      "type": "Microsoft.Insights/logprofiles",
      "apiVersion": "2016-03-01",
      "name": "default",
      "properties": {
        "categories": "[parameters('categories')]",
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
            arm_good("Every category", r#"
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
            bicep_bad("Writes only, from a parameter's default", r"
targetScope = 'subscription'

param logAccountId string
param categories array = [
  'Write'
]

resource logprofiles 'Microsoft.Insights/logprofiles@2016-03-01' = {
  name: 'default'
  properties: {
    categories: categories
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
            bicep_good("Every category", r"
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
        if p.categories.iter().any(|c| c.known().is_none()) {
            continue;
        }
        let missing: Vec<&str> = ["Action", "Delete", "Write"]
            .into_iter()
            .filter(|want| {
                !p.categories
                    .iter()
                    .any(|c| c.as_str().is_some_and(|s| s.eq_ignore_ascii_case(want)))
            })
            .collect();
        if missing.is_empty() {
            report.pass(&p.resource);
        } else {
            let fallback = Meta::default_at(p.resource.origin.clone());
            let at = p.categories.first().map_or(&fallback, |c| &c.meta);
            report.add(
                &p.resource,
                at,
                format!("The profile does not capture {}", missing.join(", ")),
            );
        }
    }
}
