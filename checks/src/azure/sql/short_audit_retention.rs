use crate::check::{arm_bad, arm_good, bicep_bad, bicep_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags an Azure SQL server whose auditing policy keeps logs for fewer than 90 days
    /// (`retention_in_days` between 1 and 89; 0, the default, keeps them indefinitely).
    ///
    /// Breaches of databases are often found months later; by then short-lived audit logs can no
    /// longer tell who read or changed what.
    pub static CHECK = {
        id: "azure-sql-short-audit-retention",
        title: "SQL server audit logs are kept less than 90 days",
        severity: Low,
        risk_score: 3.0,
        provider: Azure,
        service: "sql",
        formats: [Terraform, Arm, Bicep],
        status: Preview,
        compliance: {
            CIS_AZURE: ["4.1.6"],
            NIST_800_53: ["AU-11"],
            ISO_27001: ["A.8.15"],
            SOC2: ["CC7.2"],
        },
        aliases: ["CKV_AZURE_24"],
        remediation: "Set `retention_in_days` to 90 or more (or 0 to keep logs indefinitely).",
        references: ["https://learn.microsoft.com/en-us/azure/azure-sql/database/auditing-overview"],
        examples: [
            tf_bad("30 days through a variable's default", r#"
variable "admin_password" {
  sensitive = true
}

variable "audit_days" {
  default = 30
}

resource "azurerm_mssql_server" "main" {
  name                          = "example-sql"
  resource_group_name           = "app-rg"
  location                      = "westeurope"
  version                       = "12.0"
  administrator_login           = "sqladmin"
  administrator_login_password  = var.admin_password
  public_network_access_enabled = false
}

resource "azurerm_mssql_server_extended_auditing_policy" "main" {
  server_id         = azurerm_mssql_server.main.id
  storage_endpoint  = "https://examplelogs.blob.core.windows.net/"
  retention_in_days = var.audit_days
}
"#),
            tf_good("A year", r#"
variable "admin_password" {
  sensitive = true
}

resource "azurerm_mssql_server" "main" {
  name                          = "example-sql"
  resource_group_name           = "app-rg"
  location                      = "westeurope"
  version                       = "12.0"
  administrator_login           = "sqladmin"
  administrator_login_password  = var.admin_password
  public_network_access_enabled = false
}

resource "azurerm_mssql_server_extended_auditing_policy" "main" {
  server_id         = azurerm_mssql_server.main.id
  storage_endpoint  = "https://examplelogs.blob.core.windows.net/"
  retention_in_days = 365
}
"#),
            arm_bad("30 days from a parameter's default", r#"
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
    "auditDays": {
      "type": "int",
      "defaultValue": 30
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
        "retentionDays": "[parameters('auditDays')]",
        "storageEndpoint": "https://examplelogs.blob.core.windows.net/"
      }
    }
  ]
}
"#),
            arm_good("A year", r#"
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
        "retentionDays": 365,
        "storageEndpoint": "https://examplelogs.blob.core.windows.net/"
      }
    }
  ]
}
"#),
            bicep_bad("30 days from a parameter's default", r"
param serverName string = 'example-sql'
@secure()
param adminPassword string
param auditDays int = 30

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
    retentionDays: auditDays
    storageEndpoint: 'https://examplelogs.blob.core.windows.net/'
  }
}
"),
            bicep_good("A year", r"
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
    retentionDays: 365
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
        if !s.auditing_enabled.is_true() {
            continue;
        }
        let days = &s.audit_retention_days;
        match days.known() {
            Some(&d) if d > 0 && d < 90 => report.add(
                &s.resource,
                &days.meta,
                format!("Audit logs are kept {d} days"),
            ),
            Some(_) => report.pass(&s.resource),
            None => {}
        }
    }
}
