use crate::check::{arm_bad, arm_good, bicep_bad, bicep_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;
use cloudsentinel_model::azure::authorization::is_broad_scope;

declare_check! {
    /// Flags a custom role definition that allows `*` (every action) and can be assigned at a
    /// subscription, a management group or the root scope.
    ///
    /// Such a role is Owner under another name: whoever holds it controls every resource, can grant
    /// itself any other role, and escapes reviews that look for the built-in Owner role.
    pub static CHECK = {
        id: "azure-role-custom-owner",
        title: "Custom role grants every action at subscription scope",
        severity: High,
        risk_score: 8.0,
        provider: Azure,
        service: "role",
        formats: [Terraform, Arm, Bicep],
        compliance: {
            CIS_AZURE: ["1.23"],
            NIST_800_53: ["AC-6", "AC-2"],
            ISO_27001: ["A.5.15", "A.8.2"],
            SOC2: ["CC6.3"],
        },
        aliases: ["CKV_AZURE_39"],
        remediation: "List the actions the role needs instead of `*`, or use a built-in role; assign broad roles through Privileged Identity Management.",
        references: ["https://learn.microsoft.com/en-us/azure/role-based-access-control/custom-roles"],
        examples: [
            tf_bad("Every action on a subscription from a variable's default", r#"
variable "subscription_scope" {
  default = "/subscriptions/00000000-0000-0000-0000-000000000000"
}

resource "azurerm_role_definition" "ops" {
  name  = "ops-admin"
  scope = var.subscription_scope

  permissions {
    actions     = ["*"]
    not_actions = []
  }
}
"#),
            tf_good("Read and restart only", r#"
variable "subscription_scope" {
  default = "/subscriptions/00000000-0000-0000-0000-000000000000"
}

resource "azurerm_role_definition" "ops" {
  name  = "ops-admin"
  scope = var.subscription_scope

  permissions {
    actions     = [
      "Microsoft.Compute/virtualMachines/read",
      "Microsoft.Compute/virtualMachines/restart/action",
    ]
    not_actions = []
  }
}
"#),
            arm_bad("Every action from a parameter's default", r#"
{
  "$schema": "https://schema.management.azure.com/schemas/2018-05-01/subscriptionDeploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "parameters": {
    "subscriptionScope": {
      "type": "string",
      "defaultValue": "/subscriptions/00000000-0000-0000-0000-000000000000"
    },
    "actions": {
      "type": "array",
      "defaultValue": [
        "*"
      ]
    }
  },
  "resources": [
    {
      "type": "Microsoft.Authorization/roleDefinitions",
      "apiVersion": "2022-04-01",
      "name": "[guid(parameters('subscriptionScope'), 'ops-admin')]",
      "properties": {
        "roleName": "ops-admin",
        "type": "CustomRole",
        "permissions": [
          {
            "actions": "[parameters('actions')]",
            "notActions": []
          }
        ],
        "assignableScopes": [
          "[parameters('subscriptionScope')]"
        ]
      }
    }
  ]
}
"#),
            arm_good("Read and restart only", r#"
{
  "$schema": "https://schema.management.azure.com/schemas/2018-05-01/subscriptionDeploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "parameters": {
    "subscriptionScope": {
      "type": "string",
      "defaultValue": "/subscriptions/00000000-0000-0000-0000-000000000000"
    }
  },
  "resources": [
    {
      "type": "Microsoft.Authorization/roleDefinitions",
      "apiVersion": "2022-04-01",
      "name": "[guid(parameters('subscriptionScope'), 'ops-admin')]",
      "properties": {
        "roleName": "ops-admin",
        "type": "CustomRole",
        "permissions": [
          {
            "actions": [
              "Microsoft.Compute/virtualMachines/read",
              "Microsoft.Compute/virtualMachines/restart/action"
            ],
            "notActions": []
          }
        ],
        "assignableScopes": [
          "[parameters('subscriptionScope')]"
        ]
      }
    }
  ]
}
"#),
            bicep_bad("Every action from a parameter's default", r"
targetScope = 'subscription'

param subscriptionScope string = '/subscriptions/00000000-0000-0000-0000-000000000000'
param actions array = [
  '*'
]

resource roleDefinitions 'Microsoft.Authorization/roleDefinitions@2022-04-01' = {
  name: guid(subscriptionScope, 'ops-admin')
  properties: {
    roleName: 'ops-admin'
    type: 'CustomRole'
    permissions: [
      {
        actions: actions
        notActions: []
      }
    ]
    assignableScopes: [
      subscriptionScope
    ]
  }
}
"),
            bicep_good("Read and restart only", r"
targetScope = 'subscription'

param subscriptionScope string = '/subscriptions/00000000-0000-0000-0000-000000000000'

resource roleDefinitions 'Microsoft.Authorization/roleDefinitions@2022-04-01' = {
  name: guid(subscriptionScope, 'ops-admin')
  properties: {
    roleName: 'ops-admin'
    type: 'CustomRole'
    permissions: [
      {
        actions: [
          'Microsoft.Compute/virtualMachines/read'
          'Microsoft.Compute/virtualMachines/restart/action'
        ]
        notActions: []
      }
    ]
    assignableScopes: [
      subscriptionScope
    ]
  }
}
"),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for r in &state.azure.authorization.role_definitions {
        let star = r.actions.iter().find(|a| a.as_str() == Some("*"));
        let actions_known = r.actions.iter().all(|a| a.known().is_some());
        let broad: Vec<Option<bool>> = r
            .scopes
            .iter()
            .map(|s| s.as_str().and_then(is_broad_scope))
            .collect();
        match star {
            Some(action) if broad.contains(&Some(true)) => report.add(
                &r.resource,
                &action.meta,
                "The role allows every action (`*`) and can be assigned to a whole subscription or management group",
            ),
            Some(_) if broad.iter().all(|b| *b == Some(false)) => report.pass(&r.resource),
            None if actions_known => report.pass(&r.resource),
            _ => {}
        }
    }
}
