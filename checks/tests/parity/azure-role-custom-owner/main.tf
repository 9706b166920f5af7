resource "azurerm_role_definition" "ops" {
  name              = "ops-admin"
  scope             = "/subscriptions/00000000-0000-0000-0000-000000000000"
  assignable_scopes = ["/subscriptions/00000000-0000-0000-0000-000000000000"]

  permissions {
    actions = ["*"]
  }
}
