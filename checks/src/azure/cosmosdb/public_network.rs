use crate::check::{arm_bad, arm_good, bicep_bad, bicep_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags a Cosmos DB account with public network access enabled (the azurerm provider's
    /// default) and neither an IP filter nor a virtual network filter.
    ///
    /// The account's endpoint then accepts requests from anywhere: its keys are the only protection,
    /// and Cosmos DB keys are long-lived and often embedded in applications.
    pub static CHECK = {
        id: "azure-cosmosdb-public-network",
        title: "Cosmos DB account is open to every network",
        severity: Medium,
        risk_score: 6.0,
        provider: Azure,
        service: "cosmosdb",
        formats: [Terraform, Arm, Bicep],
        compliance: {
            NIST_800_53: ["SC-7"],
            ISO_27001: ["A.8.20", "A.8.22"],
            SOC2: ["CC6.6"],
        },
        aliases: ["CKV_AZURE_101"],
        remediation: "Set `public_network_access_enabled = false` with private endpoints, or restrict access with `ip_range_filter` or `is_virtual_network_filter_enabled` and `virtual_network_rule`.",
        references: ["https://learn.microsoft.com/en-us/azure/cosmos-db/how-to-configure-firewall"],
        examples: [
            tf_bad("Open to every network, the kind from a variable", r#"
variable "kind" {
  default = "GlobalDocumentDB"
}

resource "azurerm_cosmosdb_account" "main" {
  name                = "example-cosmos"
  location            = "westeurope"
  resource_group_name = "app-rg"
  offer_type          = "Standard"
  kind                = var.kind

  consistency_policy {
    consistency_level = "Session"
  }

  geo_location {
    location          = "westeurope"
    failover_priority = 0
  }
}
"#),
            tf_good("Office range only", r#"
resource "azurerm_cosmosdb_account" "main" {
  name                = "example-cosmos"
  location            = "westeurope"
  resource_group_name = "app-rg"
  offer_type          = "Standard"
  kind                = "GlobalDocumentDB"
  ip_range_filter     = ["203.0.113.0/24"]

  consistency_policy {
    consistency_level = "Session"
  }

  geo_location {
    location          = "westeurope"
    failover_priority = 0
  }
}
"#),
            arm_bad("Public access with no filter from a parameter's default", r#"
{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "parameters": {
    "accountName": {
      "type": "string",
      "defaultValue": "example-cosmos"
    },
    "publicAccess": {
      "type": "string",
      "defaultValue": "Enabled"
    }
  },
  "resources": [
    {
      "type": "Microsoft.DocumentDB/databaseAccounts",
      "apiVersion": "2024-05-15",
      "name": "[parameters('accountName')]",
      "location": "[resourceGroup().location]",
      "kind": "GlobalDocumentDB",
      "properties": {
        "databaseAccountOfferType": "Standard",
        "locations": [
          {
            "locationName": "westeurope",
            "failoverPriority": 0
          }
        ],
        "publicNetworkAccess": "[parameters('publicAccess')]",
        "disableLocalAuth": true,
        "disableKeyBasedMetadataWriteAccess": true
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
    "accountName": {
      "type": "string",
      "defaultValue": "example-cosmos"
    }
  },
  "resources": [
    {
      "type": "Microsoft.DocumentDB/databaseAccounts",
      "apiVersion": "2024-05-15",
      "name": "[parameters('accountName')]",
      "location": "[resourceGroup().location]",
      "kind": "GlobalDocumentDB",
      "properties": {
        "databaseAccountOfferType": "Standard",
        "locations": [
          {
            "locationName": "westeurope",
            "failoverPriority": 0
          }
        ],
        "publicNetworkAccess": "Disabled",
        "disableLocalAuth": true,
        "disableKeyBasedMetadataWriteAccess": true
      }
    }
  ]
}
"#),
            bicep_bad("Public access with no filter from a parameter's default", r"
param accountName string = 'example-cosmos'
param publicAccess string = 'Enabled'

resource databaseAccounts 'Microsoft.DocumentDB/databaseAccounts@2024-05-15' = {
  name: accountName
  location: resourceGroup().location
  kind: 'GlobalDocumentDB'
  properties: {
    databaseAccountOfferType: 'Standard'
    locations: [
      {
        locationName: 'westeurope'
        failoverPriority: 0
      }
    ]
    publicNetworkAccess: publicAccess
    disableLocalAuth: true
    disableKeyBasedMetadataWriteAccess: true
  }
}
"),
            bicep_good("The secure value, written literally", r"
param accountName string = 'example-cosmos'

resource databaseAccounts 'Microsoft.DocumentDB/databaseAccounts@2024-05-15' = {
  name: accountName
  location: resourceGroup().location
  kind: 'GlobalDocumentDB'
  properties: {
    databaseAccountOfferType: 'Standard'
    locations: [
      {
        locationName: 'westeurope'
        failoverPriority: 0
      }
    ]
    publicNetworkAccess: 'Disabled'
    disableLocalAuth: true
    disableKeyBasedMetadataWriteAccess: true
  }
}
"),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for a in &state.azure.cosmosdb.accounts {
        if a.public_network_access.is_false()
            || a.virtual_network_filter.is_true()
            || a.ip_rules.iter().any(|r| r.known().is_some())
        {
            report.pass(&a.resource);
            continue;
        }
        if a.public_network_access.is_true()
            && a.virtual_network_filter.is_false()
            && a.ip_rules.is_empty()
        {
            report.add(
                &a.resource,
                &a.public_network_access.meta,
                "Public network access is enabled with no IP or virtual network filter",
            );
        }
    }
}
