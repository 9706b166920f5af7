resource "azurerm_mssql_firewall_rule" "clients" {
  name             = "clients"
  server_id        = "/subscriptions/0000/resourceGroups/app-rg/providers/Microsoft.Sql/servers/example-sql"
  start_ip_address = "0.0.0.0"
  end_ip_address   = "255.255.255.255"
}
