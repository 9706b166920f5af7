use crate::check::{Fix, Format, arm_bad, arm_good, bicep_bad, bicep_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags an Azure Database for PostgreSQL or MySQL server that accepts unencrypted
    /// connections: a single server with `ssl_enforcement_enabled = false`, or a flexible server whose
    /// `require_secure_transport` server parameter is `off` (it is on by default).
    ///
    /// Without enforced SSL, passwords and query results cross the network in clear text.
    pub static CHECK = {
        id: "azure-postgres-no-ssl",
        title: "PostgreSQL or MySQL server does not enforce SSL",
        severity: High,
        risk_score: 7.0,
        provider: Azure,
        service: "postgres",
        formats: [Terraform, Arm, Bicep],
        compliance: {
            CIS_AZURE: ["4.3.1", "4.4.1"],
            NIST_800_53: ["SC-8"],
            ISO_27001: ["A.8.24"],
            SOC2: ["CC6.7"],
        },
        aliases: ["CKV_AZURE_29", "CKV_AZURE_28"],
        remediation: "Set `ssl_enforcement_enabled = true` on single servers; leave `require_secure_transport` on for flexible servers.",
        references: ["https://learn.microsoft.com/en-us/azure/postgresql/flexible-server/concepts-networking-ssl-tls"],
        examples: [
            tf_bad("SSL not enforced, through a variable's default", r#"
variable "admin_password" {
  sensitive = true
}

variable "enforce_ssl" {
  default = false
}

resource "azurerm_postgresql_server" "main" {
  name                = "example-pg"
  location            = "westeurope"
  resource_group_name = "app-rg"
  sku_name            = "GP_Gen5_2"
  version             = "11"

  administrator_login          = "pgadmin"
  administrator_login_password = var.admin_password

  ssl_enforcement_enabled       = var.enforce_ssl
  public_network_access_enabled = false
}
"#),
            tf_good("SSL enforced", r#"
variable "admin_password" {
  sensitive = true
}

resource "azurerm_postgresql_server" "main" {
  name                = "example-pg"
  location            = "westeurope"
  resource_group_name = "app-rg"
  sku_name            = "GP_Gen5_2"
  version             = "11"

  administrator_login          = "pgadmin"
  administrator_login_password = var.admin_password

  ssl_enforcement_enabled       = true
  public_network_access_enabled = false
}
"#),
            tf_bad("A flexible server whose secure transport parameter is turned off", r#"
variable "admin_password" {
  sensitive = true
}

resource "azurerm_postgresql_flexible_server" "main" {
  name                          = "example-pgflex"
  resource_group_name           = "app-rg"
  location                      = "westeurope"
  version                       = "16"
  sku_name                      = "GP_Standard_D2s_v3"
  administrator_login           = "pgadmin"
  administrator_password        = var.admin_password
  public_network_access_enabled = false
}

resource "azurerm_postgresql_flexible_server_configuration" "tls" {
  name      = "require_secure_transport"
  server_id = azurerm_postgresql_flexible_server.main.id
  value     = "off"
}
"#),
            tf_good("A flexible server keeps secure transport by default", r#"
variable "admin_password" {
  sensitive = true
}

resource "azurerm_postgresql_flexible_server" "main" {
  name                          = "example-pgflex"
  resource_group_name           = "app-rg"
  location                      = "westeurope"
  version                       = "16"
  sku_name                      = "GP_Standard_D2s_v3"
  administrator_login           = "pgadmin"
  administrator_password        = var.admin_password
  public_network_access_enabled = false
}
"#),
            arm_bad("SSL not enforced from a parameter's default", r#"
{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "parameters": {
    "serverName": {
      "type": "string",
      "defaultValue": "example-pg"
    },
    "adminPassword": {
      "type": "securestring"
    },
    "sslEnforcement": {
      "type": "string",
      "defaultValue": "Disabled"
    }
  },
  "resources": [
    {
      "type": "Microsoft.DBforPostgreSQL/servers",
      "apiVersion": "2017-12-01",
      "name": "[parameters('serverName')]",
      "location": "[resourceGroup().location]",
      "sku": {
        "name": "GP_Gen5_2",
        "tier": "GeneralPurpose",
        "family": "Gen5",
        "capacity": 2
      },
      "properties": {
        "createMode": "Default",
        "version": "11",
        "administratorLogin": "pgadmin",
        "administratorLoginPassword": "[parameters('adminPassword')]",
        "sslEnforcement": "[parameters('sslEnforcement')]",
        "minimalTlsVersion": "TLS1_2",
        "publicNetworkAccess": "Disabled",
        "storageProfile": {
          "geoRedundantBackup": "Enabled",
          "backupRetentionDays": 7
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
    "serverName": {
      "type": "string",
      "defaultValue": "example-pg"
    },
    "adminPassword": {
      "type": "securestring"
    }
  },
  "resources": [
    {
      "type": "Microsoft.DBforPostgreSQL/servers",
      "apiVersion": "2017-12-01",
      "name": "[parameters('serverName')]",
      "location": "[resourceGroup().location]",
      "sku": {
        "name": "GP_Gen5_2",
        "tier": "GeneralPurpose",
        "family": "Gen5",
        "capacity": 2
      },
      "properties": {
        "createMode": "Default",
        "version": "11",
        "administratorLogin": "pgadmin",
        "administratorLoginPassword": "[parameters('adminPassword')]",
        "sslEnforcement": "Enabled",
        "minimalTlsVersion": "TLS1_2",
        "publicNetworkAccess": "Disabled",
        "storageProfile": {
          "geoRedundantBackup": "Enabled",
          "backupRetentionDays": 7
        }
      }
    }
  ]
}
"#),
            bicep_bad("SSL not enforced from a parameter's default", r"
param serverName string = 'example-pg'
@secure()
param adminPassword string
param sslEnforcement string = 'Disabled'

resource servers 'Microsoft.DBforPostgreSQL/servers@2017-12-01' = {
  name: serverName
  location: resourceGroup().location
  sku: {
    name: 'GP_Gen5_2'
    tier: 'GeneralPurpose'
    family: 'Gen5'
    capacity: 2
  }
  properties: {
    createMode: 'Default'
    version: '11'
    administratorLogin: 'pgadmin'
    administratorLoginPassword: adminPassword
    sslEnforcement: sslEnforcement
    minimalTlsVersion: 'TLS1_2'
    publicNetworkAccess: 'Disabled'
    storageProfile: {
      geoRedundantBackup: 'Enabled'
      backupRetentionDays: 7
    }
  }
}
"),
            bicep_good("The secure value, written literally", r"
param serverName string = 'example-pg'
@secure()
param adminPassword string

resource servers 'Microsoft.DBforPostgreSQL/servers@2017-12-01' = {
  name: serverName
  location: resourceGroup().location
  sku: {
    name: 'GP_Gen5_2'
    tier: 'GeneralPurpose'
    family: 'Gen5'
    capacity: 2
  }
  properties: {
    createMode: 'Default'
    version: '11'
    administratorLogin: 'pgadmin'
    administratorLoginPassword: adminPassword
    sslEnforcement: 'Enabled'
    minimalTlsVersion: 'TLS1_2'
    publicNetworkAccess: 'Disabled'
    storageProfile: {
      geoRedundantBackup: 'Enabled'
      backupRetentionDays: 7
    }
  }
}
"),
        ],
        fixes: [Fix::set(Format::Terraform, &["ssl_enforcement_enabled"], "true")],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for s in &state.azure.database.servers {
        let v = &s.ssl_enforced;
        if v.is_false() {
            report.add(
                &s.resource,
                &v.meta,
                format!("The {} server does not enforce SSL", s.engine),
            );
        } else if v.is_true() {
            report.pass(&s.resource);
        }
    }
}
