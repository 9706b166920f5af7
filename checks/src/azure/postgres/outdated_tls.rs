use crate::check::{Fix, Format, arm_bad, arm_good, bicep_bad, bicep_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;
use cloudsentinel_model::azure::tls_below_1_2;

declare_check! {
    /// Flags an Azure Database for PostgreSQL or MySQL single server whose minimum TLS version
    /// (`ssl_minimal_tls_version_enforced`) is below 1.2 or not enforced (`TLSEnforcementDisabled`).
    /// The azurerm provider's default is `TLS1_2`. Flexible servers set it with a server parameter,
    /// which is not judged yet.
    ///
    /// TLS 1.0 and 1.1 have known weaknesses and are deprecated (RFC 8996).
    pub static CHECK = {
        id: "azure-postgres-outdated-tls",
        title: "PostgreSQL or MySQL server accepts TLS older than 1.2",
        severity: Medium,
        risk_score: 5.0,
        provider: Azure,
        service: "postgres",
        formats: [Terraform, Arm, Bicep],
        status: Preview,
        compliance: {
            NIST_800_53: ["SC-8", "SC-13"],
            ISO_27001: ["A.8.24"],
            SOC2: ["CC6.7"],
        },
        aliases: [],
        remediation: "Set `ssl_minimal_tls_version_enforced = \"TLS1_2\"` (the default).",
        references: ["https://learn.microsoft.com/en-us/azure/postgresql/single-server/how-to-tls-configurations"],
        examples: [
            tf_bad("TLS 1.0 through a variable's default", r#"
variable "admin_password" {
  sensitive = true
}

variable "min_tls" {
  default = "TLS1_0"
}

resource "azurerm_postgresql_server" "main" {
  name                          = "example-pg"
  location                      = "westeurope"
  resource_group_name           = "app-rg"
  sku_name                      = "GP_Gen5_2"
  version                       = "11"
  administrator_login           = "pgadmin"
  administrator_login_password  = var.admin_password
  ssl_enforcement_enabled       = true
  public_network_access_enabled = false
  ssl_minimal_tls_version_enforced = var.min_tls
}
"#),
            tf_good("TLS 1.2 by default", r#"
variable "admin_password" {
  sensitive = true
}

resource "azurerm_postgresql_server" "main" {
  name                          = "example-pg"
  location                      = "westeurope"
  resource_group_name           = "app-rg"
  sku_name                      = "GP_Gen5_2"
  version                       = "11"
  administrator_login           = "pgadmin"
  administrator_login_password  = var.admin_password
  ssl_enforcement_enabled       = true
  public_network_access_enabled = false
}
"#),
            arm_bad("TLS 1.0 from a parameter's default", r#"
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
    "minTls": {
      "type": "string",
      "defaultValue": "TLS1_0"
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
        "minimalTlsVersion": "[parameters('minTls')]",
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
            bicep_bad("TLS 1.0 from a parameter's default", r"
param serverName string = 'example-pg'
@secure()
param adminPassword string
param minTls string = 'TLS1_0'

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
    minimalTlsVersion: minTls
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
        fixes: [Fix::set(Format::Terraform, &["ssl_minimal_tls_version_enforced"], "\"TLS1_2\"")],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for s in &state.azure.database.servers {
        let v = &s.min_tls_version;
        let Some(version) = v.as_str() else { continue };
        let below = if version.eq_ignore_ascii_case("TLSEnforcementDisabled") {
            Some(true)
        } else {
            tls_below_1_2(version)
        };
        match below {
            Some(true) => report.add(
                &s.resource,
                &v.meta,
                format!("The {} server's minimum TLS version is {version}", s.engine),
            ),
            Some(false) => report.pass(&s.resource),
            None => {}
        }
    }
}
