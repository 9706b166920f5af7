use crate::check::{arm_bad, arm_good, bicep_bad, bicep_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags an AKS cluster without Container insights (no `oms_agent` block sending logs and
    /// metrics to a Log Analytics workspace).
    ///
    /// Without cluster logs and metrics, crashed, compromised or resource-starved workloads go
    /// unnoticed, and an incident leaves nothing to investigate.
    ///
    /// Default: Container insights is an add-on, off until enabled. A cluster with no
    /// `oms_agent` block (azurerm) or no `addonProfiles.omsagent` with `enabled: true` (ARM and
    /// Bicep, any API version) has none.
    pub static CHECK = {
        id: "azure-aks-no-monitoring",
        title: "AKS cluster has no Container insights",
        severity: Low,
        risk_score: 3.0,
        provider: Azure,
        service: "aks",
        formats: [Terraform, Arm, Bicep],
        status: Preview,
        compliance: {
            NIST_800_53: ["AU-2", "SI-4"],
            ISO_27001: ["A.8.15", "A.8.16"],
            SOC2: ["CC7.2"],
        },
        aliases: ["CKV_AZURE_4"],
        remediation: "Add `oms_agent { log_analytics_workspace_id = … }`.",
        references: ["https://learn.microsoft.com/en-us/azure/azure-monitor/containers/container-insights-overview", "https://learn.microsoft.com/en-us/azure/templates/microsoft.containerservice/managedclusters"],
        examples: [
            tf_bad("No Container insights, the node count from a variable", r#"
variable "nodes" {
  default = 3
}

resource "azurerm_kubernetes_cluster" "main" {
  name                = "example-aks"
  location            = "westeurope"
  resource_group_name = "app-rg"
  dns_prefix          = "example"

  default_node_pool {
    name       = "default"
    node_count = var.nodes
    vm_size    = "Standard_D2s_v5"
  }

  identity {
    type = "SystemAssigned"
  }
}
"#),
            tf_good("Logs to a workspace", r#"
variable "workspace_id" {}

resource "azurerm_kubernetes_cluster" "main" {
  name                = "example-aks"
  location            = "westeurope"
  resource_group_name = "app-rg"
  dns_prefix          = "example"

  oms_agent {
    log_analytics_workspace_id = var.workspace_id
  }

  default_node_pool {
    name       = "default"
    node_count = 3
    vm_size    = "Standard_D2s_v5"
  }

  identity {
    type = "SystemAssigned"
  }
}
"#),
            arm_bad("Container insights off from a parameter's default", r#"
{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "parameters": {
    "clusterName": {
      "type": "string",
      "defaultValue": "example-aks"
    },
    "workspaceId": {
      "type": "string"
    },
    "insights": {
      "type": "bool",
      "defaultValue": false
    }
  },
  "resources": [
    {
      "type": "Microsoft.ContainerService/managedClusters",
      "apiVersion": "2024-05-01",
      "name": "[parameters('clusterName')]",
      "location": "[resourceGroup().location]",
      "identity": {
        "type": "SystemAssigned"
      },
      "properties": {
        "dnsPrefix": "example",
        "enableRBAC": true,
        "disableLocalAccounts": true,
        "agentPoolProfiles": [
          {
            "name": "system",
            "count": 3,
            "vmSize": "Standard_D2s_v5",
            "mode": "System",
            "enableNodePublicIP": false
          }
        ],
        "networkProfile": {
          "networkPlugin": "azure",
          "networkPolicy": "azure"
        },
        "apiServerAccessProfile": {
          "authorizedIPRanges": [
            "203.0.113.0/24"
          ]
        },
        "addonProfiles": {
          "azurepolicy": {
            "enabled": true
          },
          "omsagent": {
            "enabled": "[parameters('insights')]",
            "config": {
              "logAnalyticsWorkspaceResourceID": "[parameters('workspaceId')]"
            }
          }
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
    "clusterName": {
      "type": "string",
      "defaultValue": "example-aks"
    },
    "workspaceId": {
      "type": "string"
    }
  },
  "resources": [
    {
      "type": "Microsoft.ContainerService/managedClusters",
      "apiVersion": "2024-05-01",
      "name": "[parameters('clusterName')]",
      "location": "[resourceGroup().location]",
      "identity": {
        "type": "SystemAssigned"
      },
      "properties": {
        "dnsPrefix": "example",
        "enableRBAC": true,
        "disableLocalAccounts": true,
        "agentPoolProfiles": [
          {
            "name": "system",
            "count": 3,
            "vmSize": "Standard_D2s_v5",
            "mode": "System",
            "enableNodePublicIP": false
          }
        ],
        "networkProfile": {
          "networkPlugin": "azure",
          "networkPolicy": "azure"
        },
        "apiServerAccessProfile": {
          "authorizedIPRanges": [
            "203.0.113.0/24"
          ]
        },
        "addonProfiles": {
          "azurepolicy": {
            "enabled": true
          },
          "omsagent": {
            "enabled": true,
            "config": {
              "logAnalyticsWorkspaceResourceID": "[parameters('workspaceId')]"
            }
          }
        }
      }
    }
  ]
}
"#),
            bicep_bad("Container insights off from a parameter's default", r"
param clusterName string = 'example-aks'
param workspaceId string
param insights bool = false

resource managedClusters 'Microsoft.ContainerService/managedClusters@2024-05-01' = {
  name: clusterName
  location: resourceGroup().location
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    dnsPrefix: 'example'
    enableRBAC: true
    disableLocalAccounts: true
    agentPoolProfiles: [
      {
        name: 'system'
        count: 3
        vmSize: 'Standard_D2s_v5'
        mode: 'System'
        enableNodePublicIP: false
      }
    ]
    networkProfile: {
      networkPlugin: 'azure'
      networkPolicy: 'azure'
    }
    apiServerAccessProfile: {
      authorizedIPRanges: [
        '203.0.113.0/24'
      ]
    }
    addonProfiles: {
      azurepolicy: {
        enabled: true
      }
      omsagent: {
        enabled: insights
        config: {
          logAnalyticsWorkspaceResourceID: workspaceId
        }
      }
    }
  }
}
"),
            bicep_good("The secure value, written literally", r"
param clusterName string = 'example-aks'
param workspaceId string

resource managedClusters 'Microsoft.ContainerService/managedClusters@2024-05-01' = {
  name: clusterName
  location: resourceGroup().location
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    dnsPrefix: 'example'
    enableRBAC: true
    disableLocalAccounts: true
    agentPoolProfiles: [
      {
        name: 'system'
        count: 3
        vmSize: 'Standard_D2s_v5'
        mode: 'System'
        enableNodePublicIP: false
      }
    ]
    networkProfile: {
      networkPlugin: 'azure'
      networkPolicy: 'azure'
    }
    apiServerAccessProfile: {
      authorizedIPRanges: [
        '203.0.113.0/24'
      ]
    }
    addonProfiles: {
      azurepolicy: {
        enabled: true
      }
      omsagent: {
        enabled: true
        config: {
          logAnalyticsWorkspaceResourceID: workspaceId
        }
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
    for r in &state.azure.aks.clusters {
        let v = &r.monitoring;
        if v.is_false() {
            report.add(
                &r.resource,
                &v.meta,
                "Container insights (the monitoring agent) is not enabled",
            );
        } else if v.is_true() {
            report.pass(&r.resource);
        }
    }
}
