use crate::check::{Fix, Format, arm_bad, arm_good, bicep_bad, bicep_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags an AKS cluster whose local accounts are not disabled (`local_account_disabled`
    /// is false, the azurerm provider's default).
    ///
    /// A local account is a static cluster-admin certificate anyone with `listClusterAdminCredential`
    /// rights can download: it bypasses Entra ID, conditional access and per-user audit, and cannot
    /// be revoked short of rotating the cluster's certificates.
    pub static CHECK = {
        id: "azure-aks-local-accounts",
        title: "AKS cluster keeps local accounts",
        severity: Medium,
        risk_score: 5.0,
        provider: Azure,
        service: "aks",
        formats: [Terraform, Arm, Bicep],
        status: Preview,
        compliance: {
            NIST_800_53: ["IA-2", "AC-2"],
            ISO_27001: ["A.5.16", "A.8.5"],
            SOC2: ["CC6.1"],
        },
        aliases: ["CKV_AZURE_141"],
        remediation: "Set `local_account_disabled = true` with Entra ID integration (`azure_active_directory_role_based_access_control`).",
        references: ["https://learn.microsoft.com/en-us/azure/aks/manage-local-accounts-managed-azure-ad"],
        examples: [
            tf_bad("Local accounts kept through a variable's default", r#"
variable "disable_local" {
  default = false
}

resource "azurerm_kubernetes_cluster" "main" {
  name                = "example-aks"
  location            = "westeurope"
  resource_group_name = "app-rg"
  dns_prefix          = "example"
  local_account_disabled = var.disable_local

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
            tf_good("Local accounts disabled", r#"
resource "azurerm_kubernetes_cluster" "main" {
  name                = "example-aks"
  location            = "westeurope"
  resource_group_name = "app-rg"
  dns_prefix          = "example"
  local_account_disabled = true

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
            arm_bad("Local accounts kept from a parameter's default", r#"
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
    "disableLocal": {
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
        "disableLocalAccounts": "[parameters('disableLocal')]",
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
            bicep_bad("Local accounts kept from a parameter's default", r"
param clusterName string = 'example-aks'
param workspaceId string
param disableLocal bool = false

resource managedClusters 'Microsoft.ContainerService/managedClusters@2024-05-01' = {
  name: clusterName
  location: resourceGroup().location
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    dnsPrefix: 'example'
    enableRBAC: true
    disableLocalAccounts: disableLocal
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
        fixes: [Fix::set(Format::Terraform, &["local_account_disabled"], "true")],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for r in &state.azure.aks.clusters {
        let v = &r.local_accounts_disabled;
        if v.is_false() {
            report.add(&r.resource, &v.meta, "Local accounts are not disabled");
        } else if v.is_true() {
            report.pass(&r.resource);
        }
    }
}
