use crate::check::{Fix, Format, arm_bad, arm_good, bicep_bad, bicep_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags an Azure Database for PostgreSQL or MySQL server with public network access
    /// enabled (the azurerm provider's default for `public_network_access_enabled` is true; a flexible
    /// server in a delegated subnet has no public endpoint).
    ///
    /// A public endpoint is reachable from the internet, governed only by firewall rules; private
    /// access keeps the database inside the virtual network.
    pub static CHECK = {
        id: "azure-postgres-public-network",
        title: "PostgreSQL or MySQL server accepts connections from public networks",
        severity: Medium,
        risk_score: 5.0,
        provider: Azure,
        service: "postgres",
        formats: [Terraform, Arm, Bicep],
        compliance: {
            NIST_800_53: ["SC-7"],
            ISO_27001: ["A.8.20", "A.8.22"],
            SOC2: ["CC6.6"],
        },
        aliases: ["CKV_AZURE_68", "CKV_AZURE_53"],
        remediation: "Set `public_network_access_enabled = false` and use private endpoints, or deploy flexible servers into a delegated subnet.",
        references: ["https://learn.microsoft.com/en-us/azure/postgresql/flexible-server/concepts-networking"],
        examples: [
            tf_bad("Public by default, the password from a variable", r#"
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

  ssl_enforcement_enabled = true
}
"#),
            tf_good("Private access only", r#"
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
            arm_bad("Public access from a parameter's default", r#"
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
    "publicAccess": {
      "type": "string",
      "defaultValue": "Enabled"
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
        "publicNetworkAccess": "[parameters('publicAccess')]",
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
            bicep_bad("Public access from a parameter's default", r"
param serverName string = 'example-pg'
@secure()
param adminPassword string
param publicAccess string = 'Enabled'

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
    publicNetworkAccess: publicAccess
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
        fixes: [Fix::set(Format::Terraform, &["public_network_access_enabled"], "false")],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for s in &state.azure.database.servers {
        let v = &s.public_network_access;
        if v.is_true() {
            report.add(
                &s.resource,
                &v.meta,
                format!(
                    "The {} server accepts connections from public networks",
                    s.engine
                ),
            );
        } else if v.is_false() {
            report.pass(&s.resource);
        }
    }
}
