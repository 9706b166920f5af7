resource "azurerm_linux_virtual_machine" "app" {
  name                            = "app-vm"
  resource_group_name             = "app-rg"
  location                        = "westeurope"
  size                            = "Standard_D2s_v5"
  admin_username                  = "azureuser"
  network_interface_ids           = ["/subscriptions/0000/resourceGroups/app-rg/providers/Microsoft.Network/networkInterfaces/app"]
  disable_password_authentication = false
  encryption_at_host_enabled      = true

  os_disk {
    caching              = "ReadWrite"
    storage_account_type = "Premium_LRS"
  }
}
