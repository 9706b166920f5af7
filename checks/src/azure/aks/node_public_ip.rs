use crate::check::{arm_bad, arm_good, bicep_bad, bicep_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags an AKS node pool (the default pool or an `azurerm_kubernetes_cluster_node_pool`)
    /// whose nodes get public IP addresses (`node_public_ip_enabled`, `enable_node_public_ip` in
    /// provider 3.x; false by default).
    ///
    /// Nodes with public addresses are reachable from the internet: the kubelet, SSH and every
    /// `NodePort` service become attack surface, and egress bypasses the cluster's outbound
    /// controls.
    pub static CHECK = {
        id: "azure-aks-node-public-ip",
        title: "AKS nodes get public IP addresses",
        severity: Medium,
        risk_score: 5.5,
        provider: Azure,
        service: "aks",
        formats: [Terraform, Arm, Bicep],
        status: Preview,
        compliance: {
            NIST_800_53: ["SC-7"],
            ISO_27001: ["A.8.20", "A.8.22"],
            SOC2: ["CC6.6"],
        },
        aliases: ["CKV_AZURE_143"],
        remediation: "Remove `node_public_ip_enabled = true`; reach nodes through the cluster, and send egress through a NAT gateway or firewall.",
        references: ["https://learn.microsoft.com/en-us/azure/aks/use-node-public-ips"],
        examples: [
            tf_bad("Public node IPs through a variable's default", r#"
variable "cluster_id" {}

variable "public_ips" {
  default = true
}

resource "azurerm_kubernetes_cluster_node_pool" "batch" {
  name                   = "batch"
  kubernetes_cluster_id  = var.cluster_id
  vm_size                = "Standard_D4s_v5"
  node_count             = 2
  node_public_ip_enabled = var.public_ips
}
"#),
            tf_good("A default pool without public IPs", r#"
resource "azurerm_kubernetes_cluster" "main" {
  name                = "example-aks"
  location            = "westeurope"
  resource_group_name = "app-rg"
  dns_prefix          = "example"

  network_profile {
    network_plugin = "azure"
    network_policy = "azure"
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
            arm_bad("Public node IPs from a parameter's default", r#"
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
    "nodePublicIp": {
      "type": "bool",
      "defaultValue": true
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
            "enableNodePublicIP": "[parameters('nodePublicIp')]"
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
            bicep_bad("Public node IPs from a parameter's default", r"
param clusterName string = 'example-aks'
param workspaceId string
param nodePublicIp bool = true

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
        enableNodePublicIP: nodePublicIp
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
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for r in &state.azure.aks.node_pools {
        let v = &r.node_public_ip;
        if v.is_true() {
            report.add(
                &r.resource,
                &v.meta,
                "Nodes of the pool get public IP addresses",
            );
        } else if v.is_false() {
            report.pass(&r.resource);
        }
    }
}
