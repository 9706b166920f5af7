resource "azurerm_storage_account" "data" {
  name                              = "examplecorpdata"
  resource_group_name               = "app-rg"
  location                          = "westeurope"
  account_tier                      = "Standard"
  account_replication_type          = "GRS"
  https_traffic_only_enabled        = true
  min_tls_version                   = "TLS1_2"
  allow_nested_items_to_be_public   = false
  shared_access_key_enabled         = false
  cross_tenant_replication_enabled  = false
  infrastructure_encryption_enabled = true
  public_network_access_enabled     = true

  network_rules {
    default_action = "Allow"
  }
}
