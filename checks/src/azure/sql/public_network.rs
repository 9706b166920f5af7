use crate::check::{Fix, Format, arm_bad, arm_good, bicep_bad, bicep_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags an Azure SQL server with public network access enabled (the azurerm provider's
    /// default for `public_network_access_enabled` is true).
    ///
    /// A public endpoint is reachable from the internet, governed only by firewall rules; private
    /// endpoints keep the server inside the virtual network.
    pub static CHECK = {
        id: "azure-sql-public-network",
        title: "SQL server accepts connections from public networks",
        severity: Medium,
        risk_score: 5.0,
        provider: Azure,
        service: "sql",
        formats: [Terraform, Arm, Bicep],
        compliance: {
            NIST_800_53: ["SC-7"],
            ISO_27001: ["A.8.20", "A.8.22"],
            SOC2: ["CC6.6"],
        },
        aliases: ["CKV_AZURE_113"],
        remediation: "Set `public_network_access_enabled = false` and connect through private endpoints.",
        references: ["https://learn.microsoft.com/en-us/azure/azure-sql/database/connectivity-settings#deny-public-network-access"],
        examples: [
            tf_bad("Public access by default, the password from a variable", r#"
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
"#),
            tf_good("Private endpoints only", r#"
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
  public_network_access_enabled = false
}
"#),
            arm_bad("Public access from a parameter's default", r#"
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
    "publicAccess": {
      "type": "string",
      "defaultValue": "Enabled"
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
        "publicNetworkAccess": "[parameters('publicAccess')]",
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
            arm_good("Public access disabled", r#"
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
            bicep_bad("Public access from a parameter's default", r"
param serverName string = 'example-sql'
@secure()
param adminPassword string
param publicAccess string = 'Enabled'

resource servers 'Microsoft.Sql/servers@2023-08-01-preview' = {
  name: serverName
  location: resourceGroup().location
  properties: {
    administratorLogin: 'sqladmin'
    administratorLoginPassword: adminPassword
    version: '12.0'
    publicNetworkAccess: publicAccess
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
            bicep_good("Public access disabled", r"
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
        fixes: [Fix::set(Format::Terraform, &["public_network_access_enabled"], "false")],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for s in &state.azure.sql.servers {
        let v = &s.public_network_access;
        if v.is_true() {
            report.add(&s.resource, &v.meta, "Public network access is enabled");
        } else if v.is_false() {
            report.pass(&s.resource);
        }
    }
}
