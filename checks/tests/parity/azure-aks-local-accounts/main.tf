resource "azurerm_kubernetes_cluster" "main" {
  name                              = "example-aks"
  location                          = "westeurope"
  resource_group_name               = "app-rg"
  dns_prefix                        = "example"
  role_based_access_control_enabled = true
  local_account_disabled            = false
  azure_policy_enabled              = true
  private_cluster_enabled           = false

  default_node_pool {
    name                   = "system"
    node_count             = 3
    vm_size                = "Standard_D2s_v5"
    node_public_ip_enabled = false
  }

  network_profile {
    network_plugin = "azure"
    network_policy = "azure"
  }

  api_server_access_profile {
    authorized_ip_ranges = ["203.0.113.0/24"]
  }

  oms_agent {
    log_analytics_workspace_id = "/subscriptions/0000/resourceGroups/ops/providers/Microsoft.OperationalInsights/workspaces/ops"
  }

  identity {
    type = "SystemAssigned"
  }
}
