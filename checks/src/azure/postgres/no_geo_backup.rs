use crate::check::{Fix, Format, arm_bad, arm_good, bicep_bad, bicep_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags an Azure Database for PostgreSQL or MySQL server whose backups are not
    /// geo-redundant (`geo_redundant_backup_enabled`; false by default, and fixed at creation).
    ///
    /// Locally redundant backups are lost with their region: a regional outage or disaster leaves
    /// nothing to restore from.
    pub static CHECK = {
        id: "azure-postgres-no-geo-backup",
        title: "PostgreSQL or MySQL server has no geo-redundant backups",
        severity: Low,
        risk_score: 3.0,
        provider: Azure,
        service: "postgres",
        formats: [Terraform, Arm, Bicep],
        status: Preview,
        compliance: {
            NIST_800_53: ["CP-9", "CP-6"],
            ISO_27001: ["A.8.13"],
            SOC2: ["A1.2"],
        },
        aliases: ["CKV_AZURE_102"],
        remediation: "Create the server with `geo_redundant_backup_enabled = true`.",
        references: ["https://learn.microsoft.com/en-us/azure/postgresql/flexible-server/concepts-backup-restore"],
        examples: [
            tf_bad("Local backups through a variable's default", r#"
variable "admin_password" {
  sensitive = true
}

variable "geo_backup" {
  default = false
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
  geo_redundant_backup_enabled  = var.geo_backup
}
"#),
            tf_good("Geo-redundant backups", r#"
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
  geo_redundant_backup_enabled  = true
}
"#),
            arm_bad("Local backups from a parameter's default", r#"
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
    "geoBackup": {
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
        "sslEnforcement": "Enabled",
        "minimalTlsVersion": "TLS1_2",
        "publicNetworkAccess": "Disabled",
        "storageProfile": {
          "geoRedundantBackup": "[parameters('geoBackup')]",
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
            bicep_bad("Local backups from a parameter's default", r"
param serverName string = 'example-pg'
@secure()
param adminPassword string
param geoBackup string = 'Disabled'

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
      geoRedundantBackup: geoBackup
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
        fixes: [Fix::set(Format::Terraform, &["geo_redundant_backup_enabled"], "true")],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for s in &state.azure.database.servers {
        let v = &s.geo_redundant_backup;
        if v.is_false() {
            report.add(
                &s.resource,
                &v.meta,
                format!("Backups of the {} server are not geo-redundant", s.engine),
            );
        } else if v.is_true() {
            report.pass(&s.resource);
        }
    }
}
