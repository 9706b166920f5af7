use crate::check::{Fix, Format, arm_bad, arm_good, bicep_bad, bicep_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags an AKS cluster without the Azure Policy add-on (`azure_policy_enabled` is false,
    /// the azurerm provider's default).
    ///
    /// The add-on enforces pod security and organisation policies (no privileged containers, allowed
    /// registries, …) at admission; without it, nothing stops a workload that breaks them.
    pub static CHECK = {
        id: "azure-aks-no-azure-policy",
        title: "AKS cluster has no Azure Policy add-on",
        severity: Low,
        risk_score: 3.0,
        provider: Azure,
        service: "aks",
        formats: [Terraform, Arm, Bicep],
        status: Preview,
        compliance: {
            NIST_800_53: ["CM-7", "CM-2"],
            ISO_27001: ["A.8.9"],
            SOC2: ["CC6.8"],
        },
        aliases: ["CKV_AZURE_116"],
        remediation: "Set `azure_policy_enabled = true` and assign the Kubernetes policy initiatives you need.",
        references: ["https://learn.microsoft.com/en-us/azure/governance/policy/concepts/policy-for-kubernetes"],
        examples: [
            tf_bad("No policy add-on through a variable's default", r#"
variable "policy" {
  default = false
}

resource "azurerm_kubernetes_cluster" "main" {
  name                = "example-aks"
  location            = "westeurope"
  resource_group_name = "app-rg"
  dns_prefix          = "example"
  azure_policy_enabled = var.policy

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
            tf_good("The policy add-on on", r#"
resource "azurerm_kubernetes_cluster" "main" {
  name                = "example-aks"
  location            = "westeurope"
  resource_group_name = "app-rg"
  dns_prefix          = "example"
  azure_policy_enabled = true

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
            arm_bad("No Azure Policy add-on from a parameter's default", r#"
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
    "policyAddon": {
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
            "enabled": "[parameters('policyAddon')]"
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
            bicep_bad("No Azure Policy add-on from a parameter's default", r"
param clusterName string = 'example-aks'
param workspaceId string
param policyAddon bool = false

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
        enabled: policyAddon
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
        fixes: [Fix::set(Format::Terraform, &["azure_policy_enabled"], "true")],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for r in &state.azure.aks.clusters {
        let v = &r.azure_policy;
        if v.is_false() {
            report.add(&r.resource, &v.meta, "The Azure Policy add-on is off");
        } else if v.is_true() {
            report.pass(&r.resource);
        }
    }
}
