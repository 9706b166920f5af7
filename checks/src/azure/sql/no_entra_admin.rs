use crate::check::{arm_bad, arm_good, bicep_bad, bicep_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags an Azure SQL server with no Microsoft Entra ID administrator (no
    /// `azuread_administrator` block).
    ///
    /// Without Entra ID, every login is a SQL login: passwords managed per server, no MFA, no
    /// conditional access, and no central way to remove a leaver's access.
    pub static CHECK = {
        id: "azure-sql-no-entra-admin",
        title: "SQL server has no Microsoft Entra administrator",
        severity: Medium,
        risk_score: 4.0,
        provider: Azure,
        service: "sql",
        formats: [Terraform, Arm, Bicep],
        status: Preview,
        compliance: {
            CIS_AZURE: ["4.1.4"],
            NIST_800_53: ["IA-2", "AC-2"],
            ISO_27001: ["A.5.16", "A.8.5"],
            SOC2: ["CC6.1"],
        },
        aliases: [],
        remediation: "Add an `azuread_administrator` block naming an Entra ID group (and consider `azuread_authentication_only = true`).",
        references: ["https://learn.microsoft.com/en-us/azure/azure-sql/database/authentication-aad-configure"],
        examples: [
            tf_bad("SQL logins only, the password from a variable", r#"
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
"#),
            tf_good("An Entra ID administrator group", r#"
variable "admin_password" {
  sensitive = true
}

variable "admins_group_id" {}

resource "azurerm_mssql_server" "main" {
  name                          = "example-sql"
  resource_group_name           = "app-rg"
  location                      = "westeurope"
  version                       = "12.0"
  administrator_login           = "sqladmin"
  administrator_login_password  = var.admin_password
  public_network_access_enabled = false

  azuread_administrator {
    login_username = "sql-admins"
    object_id      = var.admins_group_id
  }
}
"#),
            arm_bad("SQL logins only, the name from a parameter", r#"
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
        "minimalTlsVersion": "1.2"
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
            arm_good("An Entra ID administrator group", r#"
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
            bicep_bad("SQL logins only, the name from a parameter", r"
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
            bicep_good("An Entra ID administrator group", r"
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
        let v = &s.entra_admin;
        if v.is_false() {
            report.add(
                &s.resource,
                &v.meta,
                "No Microsoft Entra administrator is configured",
            );
        } else if v.is_true() {
            report.pass(&s.resource);
        }
    }
}
