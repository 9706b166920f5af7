use crate::check::{Fix, Format, arm_bad, arm_good, bicep_bad, bicep_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;
use cloudsentinel_model::azure::tls_below_1_2;

declare_check! {
    /// Flags an Azure SQL server whose minimum TLS version is below 1.2, or that sets no
    /// minimum (`Disabled`, ARM's `None`). The azurerm provider's default for `minimum_tls_version`
    /// is 1.2.
    ///
    /// TLS 1.0 and 1.1 have known weaknesses and are deprecated (RFC 8996): a client that
    /// negotiates them exposes its credentials and queries to downgrade attacks.
    pub static CHECK = {
        id: "azure-sql-outdated-tls",
        title: "SQL server accepts TLS older than 1.2",
        severity: Medium,
        risk_score: 5.0,
        provider: Azure,
        service: "sql",
        formats: [Terraform, Arm, Bicep],
        compliance: {
            NIST_800_53: ["SC-8", "SC-13"],
            ISO_27001: ["A.8.24"],
            SOC2: ["CC6.7"],
        },
        aliases: ["CKV_AZURE_52"],
        remediation: "Set `minimum_tls_version = \"1.2\"` (the default).",
        references: ["https://learn.microsoft.com/en-us/azure/azure-sql/database/connectivity-settings#minimal-tls-version"],
        examples: [
            tf_bad("TLS 1.0 allowed through a variable's default", r#"
variable "admin_password" {
  sensitive = true
}

variable "min_tls" {
  default = "1.0"
}

resource "azurerm_mssql_server" "main" {
  name                         = "example-sql"
  resource_group_name          = "app-rg"
  location                     = "westeurope"
  version                      = "12.0"
  administrator_login          = "sqladmin"
  administrator_login_password = var.admin_password
  minimum_tls_version          = var.min_tls
}
"#),
            tf_good("TLS 1.2 by default", r#"
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
            arm_bad("TLS 1.0 from a parameter's default", r#"
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
    "minTls": {
      "type": "string",
      "defaultValue": "1.0"
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
        "minimalTlsVersion": "[parameters('minTls')]",
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
            arm_good("TLS 1.2", r#"
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
            bicep_bad("TLS 1.0 from a parameter's default", r"
param serverName string = 'example-sql'
@secure()
param adminPassword string
param minTls string = '1.0'

resource servers 'Microsoft.Sql/servers@2023-08-01-preview' = {
  name: serverName
  location: resourceGroup().location
  properties: {
    administratorLogin: 'sqladmin'
    administratorLoginPassword: adminPassword
    version: '12.0'
    publicNetworkAccess: 'Disabled'
    minimalTlsVersion: minTls
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
            bicep_good("TLS 1.2", r"
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
        fixes: [Fix::set(Format::Terraform, &["minimum_tls_version"], "\"1.2\"")],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for s in &state.azure.sql.servers {
        let v = &s.min_tls_version;
        let Some(version) = v.as_str() else { continue };
        let below = if ["Disabled", "None"]
            .iter()
            .any(|n| version.eq_ignore_ascii_case(n))
        {
            Some(true)
        } else {
            tls_below_1_2(version)
        };
        match below {
            Some(true) => report.add(
                &s.resource,
                &v.meta,
                format!("The minimum TLS version is {version}"),
            ),
            Some(false) => report.pass(&s.resource),
            None => {}
        }
    }
}
