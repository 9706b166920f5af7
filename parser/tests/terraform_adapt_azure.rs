//! Terraform `azurerm` adapters: realistic configurations evaluated and adapted into the
//! Azure part of the model; joins of split resources, renamed attributes and defaults.

use cloudsentinel_model::{SourceDb, State};
use cloudsentinel_parser::terraform::adapt::adapt;
use cloudsentinel_parser::{LoadOptions, discover, terraform};

fn scan(main: &str) -> State {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("main.tf"), main).unwrap();
    let db = SourceDb::new();
    let opts = LoadOptions::default();
    let found = discover::discover(&[dir.path().to_path_buf()], &opts);
    let mut state = State::default();
    for ev in terraform::evaluate(&terraform::modules(found.files("terraform")), &opts, &db) {
        state.extend(adapt(&ev, &db));
    }
    state
}

#[test]
fn storage_accounts_join_their_network_rules_and_containers() {
    let state = scan(
        r#"
resource "azurerm_storage_account" "logs" {
  name                      = "examplelogs"
  resource_group_name       = "rg"
  location                  = "westeurope"
  account_tier              = "Standard"
  account_replication_type  = "LRS"
  enable_https_traffic_only = false
  allow_blob_public_access  = false
}

resource "azurerm_storage_account_network_rules" "logs" {
  storage_account_id = azurerm_storage_account.logs.id
  default_action     = "Deny"
}

resource "azurerm_storage_container" "a" {
  name                  = "a"
  storage_account_name  = azurerm_storage_account.logs.name
  container_access_type = "container"
}
"#,
    );
    let storage = &state.azure.storage;
    let a = &storage.accounts[0];
    assert!(a.https_only.is_false(), "provider 2.x/3.x spelling is read");
    assert!(a.allow_blob_public_access.is_false());
    assert_eq!(a.network_default_action.as_str(), Some("Deny"));
    assert_eq!(a.resource.merged.len(), 1, "the rules resource is merged");
    assert!(a.min_tls_version.is_default());
    assert_eq!(a.min_tls_version.as_str(), Some("TLS1_2"));
    let c = &storage.containers[0];
    assert_eq!(c.public_access.as_str(), Some("container"));
    assert!(c.account_allows_public.is_false(), "joined by name");
}

#[test]
fn sql_servers_join_auditing_policies_and_keep_firewall_rules() {
    let state = scan(
        r#"
resource "azurerm_mssql_server" "main" {
  name                         = "sql"
  resource_group_name          = "rg"
  location                     = "westeurope"
  version                      = "12.0"
  administrator_login          = "admin"
  administrator_login_password = var.password
}

resource "azurerm_mssql_server" "other" {
  name                         = "sql2"
  resource_group_name          = "rg"
  location                     = "westeurope"
  version                      = "12.0"
  administrator_login          = "admin"
  administrator_login_password = var.password
}

variable "password" {}

resource "azurerm_mssql_server_extended_auditing_policy" "main" {
  server_id = azurerm_mssql_server.main.id
}

resource "azurerm_mssql_firewall_rule" "azure" {
  name             = "azure-services"
  server_id        = azurerm_mssql_server.main.id
  start_ip_address = "0.0.0.0"
  end_ip_address   = "0.0.0.0"
}
"#,
    );
    let sql = &state.azure.sql;
    assert!(sql.servers[0].auditing_enabled.is_true());
    assert!(sql.servers[1].auditing_enabled.is_false());
    assert!(sql.servers[1].auditing_enabled.is_default());
    assert!(sql.servers[0].public_network_access.is_true());
    assert_eq!(sql.firewall_rules[0].end_ip.as_str(), Some("0.0.0.0"));
}

#[test]
fn inline_and_separate_security_rules_and_their_lists() {
    let state = scan(
        r#"
resource "azurerm_network_security_group" "nsg" {
  name                = "nsg"
  location            = "westeurope"
  resource_group_name = "rg"

  security_rule {
    name                       = "web"
    priority                   = 100
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_ranges    = ["80", "443"]
    source_address_prefixes    = ["10.0.0.0/8", var.office]
    destination_address_prefix = "*"
  }
}

variable "office" {}

resource "azurerm_network_security_rule" "ssh" {
  name                        = "ssh"
  priority                    = 110
  direction                   = "Inbound"
  access                      = "Allow"
  protocol                    = "Tcp"
  source_port_range           = "*"
  destination_port_range      = "22"
  source_address_prefix       = "VirtualNetwork"
  destination_address_prefix  = "*"
  resource_group_name         = "rg"
  network_security_group_name = azurerm_network_security_group.nsg.name
}
"#,
    );
    let rules = &state.azure.network.security_rules;
    assert_eq!(rules.len(), 2);
    assert_eq!(
        rules[0].resource.address,
        "azurerm_network_security_group.nsg"
    );
    assert_eq!(rules[0].destination_ports.len(), 2);
    assert!(
        rules[0].source_prefixes[1].is_unknown(),
        "an unset variable"
    );
    assert_eq!(rules[0].covers_port(443), Some(true));
    assert_eq!(rules[0].covers_port(22), Some(false));
    assert_eq!(
        rules[1].resource.address,
        "azurerm_network_security_rule.ssh"
    );
    assert_eq!(rules[1].allows_inbound(), Some(true));
}

#[test]
fn flexible_servers_read_secure_transport_and_delegated_subnets() {
    let state = scan(
        r#"
resource "azurerm_mysql_flexible_server" "db" {
  name                = "db"
  resource_group_name = "rg"
  location            = "westeurope"
  delegated_subnet_id = "/subscriptions/0/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/db"
}

resource "azurerm_mysql_flexible_server_configuration" "tls" {
  name                = "require_secure_transport"
  resource_group_name = "rg"
  server_name         = azurerm_mysql_flexible_server.db.name
  server_id           = azurerm_mysql_flexible_server.db.id
  value               = "OFF"
}

resource "azurerm_mysql_flexible_server_configuration" "other" {
  name      = "interactive_timeout"
  server_id = azurerm_mysql_flexible_server.db.id
  value     = "600"
}
"#,
    );
    let db = &state.azure.database.servers[0];
    assert_eq!(db.engine, "MySQL");
    assert!(db.public_network_access.is_false(), "a delegated subnet");
    assert!(db.ssl_enforced.is_false(), "the parameter turns it off");
}

#[test]
fn cosmos_ip_filters_in_both_provider_spellings() {
    let state = scan(
        r#"
resource "azurerm_cosmosdb_account" "v3" {
  name                = "a"
  location            = "westeurope"
  resource_group_name = "rg"
  offer_type          = "Standard"
  ip_range_filter     = "203.0.113.0/24,198.51.100.7"
}

resource "azurerm_cosmosdb_account" "v4" {
  name                = "b"
  location            = "westeurope"
  resource_group_name = "rg"
  offer_type          = "Standard"
  ip_range_filter     = ["203.0.113.0/24"]
}
"#,
    );
    let accounts = &state.azure.cosmosdb.accounts;
    assert_eq!(accounts[0].ip_rules.len(), 2);
    assert_eq!(accounts[0].ip_rules[1].as_str(), Some("198.51.100.7"));
    assert_eq!(accounts[1].ip_rules.len(), 1);
}
