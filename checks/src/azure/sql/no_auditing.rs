use crate::check::{arm_bad, arm_good, bicep_bad, bicep_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags an Azure SQL server with no auditing policy in state Enabled: no
    /// `azurerm_mssql_server_extended_auditing_policy` for the server (or one with `enabled = false`).
    ///
    /// Without auditing, logins, permission changes and queries leave no trace: a breach cannot be
    /// detected, scoped or investigated, and regulations that require an audit trail are not met.
    ///
    /// Default: off. A server has no auditing until an `auditingSettings` resource (azurerm's
    /// extended auditing policy) sets `state: Enabled`; the policy resource's own `enabled`
    /// defaults to true in azurerm.
    pub static CHECK = {
        id: "azure-sql-no-auditing",
        title: "SQL server has no auditing",
        severity: Medium,
        risk_score: 4.5,
        provider: Azure,
        service: "sql",
        formats: [Terraform, Arm, Bicep],
        compliance: {
            CIS_AZURE: ["4.1.1"],
            NIST_800_53: ["AU-2", "AU-12"],
            ISO_27001: ["A.8.15"],
            SOC2: ["CC7.2"],
        },
        aliases: ["CKV_AZURE_23"],
        remediation: "Add an `azurerm_mssql_server_extended_auditing_policy` for the server, sending logs to a storage account or Log Analytics.",
        references: ["https://learn.microsoft.com/en-us/azure/azure-sql/database/auditing-overview", "https://learn.microsoft.com/en-us/azure/templates/microsoft.sql/servers/auditingsettings"],
        examples: [
            tf_bad("Auditing turned off by a variable's default", r#"
variable "admin_password" {
  sensitive = true
}

variable "auditing" {
  default = false
}

resource "azurerm_mssql_server" "main" {
  name                         = "example-sql"
  resource_group_name          = "app-rg"
  location                     = "westeurope"
  version                      = "12.0"
  administrator_login          = "sqladmin"
  administrator_login_password = var.admin_password
}

resource "azurerm_mssql_server_extended_auditing_policy" "main" {
  server_id              = azurerm_mssql_server.main.id
  enabled                = var.auditing
  log_monitoring_enabled = true
}
"#),
            tf_good("Auditing to Log Analytics", r#"
variable "admin_password" {
  sensitive = true
}

resource "azurerm_mssql_server" "main" {
  name                         = "example-sql"
  resource_group_name          = "app-rg"
  location                     = "westeurope"
  version                      = "12.0"
  administrator_login          = "sqladmin"
  administrator_login_password = var.admin_password
}

resource "azurerm_mssql_server_extended_auditing_policy" "main" {
  server_id              = azurerm_mssql_server.main.id
  log_monitoring_enabled = true
}
"#),
            arm_bad("Auditing disabled by a parameter's default", r#"
{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "parameters": {
    "serverName": {
      "type": "string",
      "defaultValue": "example-sql"
    },
    "adminPassword": {
      "type": "securestring"
    },
    "auditState": {
      "type": "string",
      "defaultValue": "Disabled"
    }
  },
  "resources": [
    {
      "type": "Microsoft.Sql/servers",
      "apiVersion": "2023-08-01-preview",
      "name": "[parameters('serverName')]",
      "location": "[resourceGroup().location]",
      "properties": {
        "administratorLogin": "sqladmin",
        "administratorLoginPassword": "[parameters('adminPassword')]",
        "version": "12.0",
        "publicNetworkAccess": "Disabled",
        "minimalTlsVersion": "1.2",
        "administrators": {
          "administratorType": "ActiveDirectory",
          "login": "sql-admins",
          "sid": "00000000-0000-0000-0000-000000000001",
          "tenantId": "[subscription().tenantId]"
        }
      }
    },
    {
      "type": "Microsoft.Sql/servers/auditingSettings",
      "apiVersion": "2023-08-01-preview",
      "name": "[concat(parameters('serverName'), '/default')]",
      "dependsOn": [
        "[resourceId('Microsoft.Sql/servers', parameters('serverName'))]"
      ],
      "properties": {
        "state": "[parameters('auditState')]",
        "retentionDays": 0,
        "storageEndpoint": "https://examplelogs.blob.core.windows.net/"
      }
    }
  ]
}
"#),
            arm_good("Auditing enabled", r#"
{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "parameters": {
    "serverName": {
      "type": "string",
      "defaultValue": "example-sql"
    },
    "adminPassword": {
      "type": "securestring"
    }
  },
  "resources": [
    {
      "type": "Microsoft.Sql/servers",
      "apiVersion": "2023-08-01-preview",
      "name": "[parameters('serverName')]",
      "location": "[resourceGroup().location]",
      "properties": {
        "administratorLogin": "sqladmin",
        "administratorLoginPassword": "[parameters('adminPassword')]",
        "version": "12.0",
        "publicNetworkAccess": "Disabled",
        "minimalTlsVersion": "1.2",
        "administrators": {
          "administratorType": "ActiveDirectory",
          "login": "sql-admins",
          "sid": "00000000-0000-0000-0000-000000000001",
          "tenantId": "[subscription().tenantId]"
        }
      }
    },
    {
      "type": "Microsoft.Sql/servers/auditingSettings",
      "apiVersion": "2023-08-01-preview",
      "name": "[concat(parameters('serverName'), '/default')]",
      "dependsOn": [
        "[resourceId('Microsoft.Sql/servers', parameters('serverName'))]"
      ],
      "properties": {
        "state": "Enabled",
        "retentionDays": 0,
        "storageEndpoint": "https://examplelogs.blob.core.windows.net/"
      }
    }
  ]
}
"#),
            bicep_bad("Auditing disabled by a parameter's default", r"
param serverName string = 'example-sql'
@secure()
param adminPassword string
param auditState string = 'Disabled'

resource servers 'Microsoft.Sql/servers@2023-08-01-preview' = {
  name: serverName
  location: resourceGroup().location
  properties: {
    administratorLogin: 'sqladmin'
    administratorLoginPassword: adminPassword
    version: '12.0'
    publicNetworkAccess: 'Disabled'
    minimalTlsVersion: '1.2'
    administrators: {
      administratorType: 'ActiveDirectory'
      login: 'sql-admins'
      sid: '00000000-0000-0000-0000-000000000001'
      tenantId: subscription().tenantId
    }
  }
}

resource auditingSettings1 'Microsoft.Sql/servers/auditingSettings@2023-08-01-preview' = {
  name: '${serverName}/default'
  properties: {
    state: auditState
    retentionDays: 0
    storageEndpoint: 'https://examplelogs.blob.core.windows.net/'
  }
}
"),
            bicep_good("Auditing enabled", r"
param serverName string = 'example-sql'
@secure()
param adminPassword string

resource servers 'Microsoft.Sql/servers@2023-08-01-preview' = {
  name: serverName
  location: resourceGroup().location
  properties: {
    administratorLogin: 'sqladmin'
    administratorLoginPassword: adminPassword
    version: '12.0'
    publicNetworkAccess: 'Disabled'
    minimalTlsVersion: '1.2'
    administrators: {
      administratorType: 'ActiveDirectory'
      login: 'sql-admins'
      sid: '00000000-0000-0000-0000-000000000001'
      tenantId: subscription().tenantId
    }
  }
}

resource auditingSettings1 'Microsoft.Sql/servers/auditingSettings@2023-08-01-preview' = {
  name: '${serverName}/default'
  properties: {
    state: 'Enabled'
    retentionDays: 0
    storageEndpoint: 'https://examplelogs.blob.core.windows.net/'
  }
}
"),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for s in &state.azure.sql.servers {
        let v = &s.auditing_enabled;
        if v.is_false() {
            let why = if v.is_default() {
                "No auditing policy is declared for the server"
            } else {
                "The server's auditing policy is disabled"
            };
            report.add(&s.resource, &v.meta, why);
        } else if v.is_true() {
            report.pass(&s.resource);
        }
    }
}
