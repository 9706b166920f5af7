use crate::check::{Fix, Format, arm_bad, arm_good, bicep_bad, bicep_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags an AKS cluster with Kubernetes RBAC disabled (`role_based_access_control_enabled =
    /// false`; the azurerm provider's default is true).
    ///
    /// Without RBAC, every authenticated identity has full rights on the cluster: one compromised
    /// pod token or user credential controls every workload and secret.
    pub static CHECK = {
        id: "azure-aks-no-rbac",
        title: "AKS cluster has Kubernetes RBAC disabled",
        severity: High,
        risk_score: 7.5,
        provider: Azure,
        service: "aks",
        formats: [Terraform, Arm, Bicep],
        compliance: {
            NIST_800_53: ["AC-3", "AC-6"],
            ISO_27001: ["A.5.15", "A.8.2"],
            SOC2: ["CC6.3"],
        },
        aliases: ["CKV_AZURE_5"],
        remediation: "Set `role_based_access_control_enabled = true` (the default) and grant access with Kubernetes or Azure RBAC roles.",
        references: ["https://learn.microsoft.com/en-us/azure/aks/manage-azure-rbac"],
        examples: [
            tf_bad("RBAC turned off through a variable's default", r#"
variable "rbac" {
  default = false
}

resource "azurerm_kubernetes_cluster" "main" {
  name                = "example-aks"
  location            = "westeurope"
  resource_group_name = "app-rg"
  dns_prefix          = "example"
  role_based_access_control_enabled = var.rbac

  network_profile {
    network_plugin = "azure"
    network_policy = "azure"
  }

  api_server_access_profile {
    authorized_ip_ranges = ["203.0.113.0/24"]
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
            tf_good("RBAC on by default", r#"
resource "azurerm_kubernetes_cluster" "main" {
  name                = "example-aks"
  location            = "westeurope"
  resource_group_name = "app-rg"
  dns_prefix          = "example"

  network_profile {
    network_plugin = "azure"
    network_policy = "azure"
  }

  api_server_access_profile {
    authorized_ip_ranges = ["203.0.113.0/24"]
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
            arm_bad("RBAC off from a parameter's default", r#"
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
    "rbac": {
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
        "enableRBAC": "[parameters('rbac')]",
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
            bicep_bad("RBAC off from a parameter's default", r"
param clusterName string = 'example-aks'
param workspaceId string
param rbac bool = false

resource managedClusters 'Microsoft.ContainerService/managedClusters@2024-05-01' = {
  name: clusterName
  location: resourceGroup().location
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    dnsPrefix: 'example'
    enableRBAC: rbac
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
        fixes: [Fix::set(Format::Terraform, &["role_based_access_control_enabled"], "true")],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for c in &state.azure.aks.clusters {
        let v = &c.rbac_enabled;
        if v.is_false() {
            report.add(&c.resource, &v.meta, "Kubernetes RBAC is disabled");
        } else if v.is_true() {
            report.pass(&c.resource);
        }
    }
}
