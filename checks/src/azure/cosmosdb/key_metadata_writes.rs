use crate::check::{Fix, Format, arm_bad, arm_good, bicep_bad, bicep_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags a Cosmos DB account whose keys may write metadata: create, change and delete
    /// databases and containers (`access_key_metadata_writes_enabled`; true by default).
    ///
    /// With it off, a leaked key can still read and write documents, but can no longer drop or
    /// reconfigure the account's databases: changes go through Azure Resource Manager, with its
    /// roles and activity log.
    pub static CHECK = {
        id: "azure-cosmosdb-key-metadata-writes",
        title: "Cosmos DB account keys can change databases and containers",
        severity: Low,
        risk_score: 3.0,
        provider: Azure,
        service: "cosmosdb",
        formats: [Terraform, Arm, Bicep],
        status: Preview,
        compliance: {
            NIST_800_53: ["AC-6", "CM-5"],
            ISO_27001: ["A.8.2"],
            SOC2: ["CC6.3"],
        },
        aliases: ["CKV_AZURE_132"],
        remediation: "Set `access_key_metadata_writes_enabled = false` and manage databases through Terraform or ARM.",
        references: ["https://learn.microsoft.com/en-us/azure/cosmos-db/role-based-access-control#prevent-sdk-changes"],
        examples: [
            tf_bad("Metadata writes through a variable's default", r#"
variable "metadata_writes" {
  default = true
}

resource "azurerm_cosmosdb_account" "main" {
  name                = "example-cosmos"
  location            = "westeurope"
  resource_group_name = "app-rg"
  offer_type          = "Standard"
  kind                = "GlobalDocumentDB"
  ip_range_filter     = ["203.0.113.0/24"]
  access_key_metadata_writes_enabled = var.metadata_writes

  consistency_policy {
    consistency_level = "Session"
  }

  geo_location {
    location          = "westeurope"
    failover_priority = 0
  }
}
"#),
            tf_good("Metadata writes off", r#"
resource "azurerm_cosmosdb_account" "main" {
  name                = "example-cosmos"
  location            = "westeurope"
  resource_group_name = "app-rg"
  offer_type          = "Standard"
  kind                = "GlobalDocumentDB"
  ip_range_filter     = ["203.0.113.0/24"]
  access_key_metadata_writes_enabled = false

  consistency_policy {
    consistency_level = "Session"
  }

  geo_location {
    location          = "westeurope"
    failover_priority = 0
  }
}
"#),
            arm_bad("Key metadata writes from a parameter's default", r#"
{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "parameters": {
    "accountName": {
      "type": "string",
      "defaultValue": "example-cosmos"
    },
    "noMetadataWrites": {
      "type": "bool",
      "defaultValue": false
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
        "disableKeyBasedMetadataWriteAccess": "[parameters('noMetadataWrites')]"
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
            bicep_bad("Key metadata writes from a parameter's default", r"
param accountName string = 'example-cosmos'
param noMetadataWrites bool = false

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
    disableKeyBasedMetadataWriteAccess: noMetadataWrites
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
        fixes: [Fix::set(Format::Terraform, &["access_key_metadata_writes_enabled"], "false")],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for r in &state.azure.cosmosdb.accounts {
        let v = &r.key_metadata_writes;
        if v.is_true() {
            report.add(
                &r.resource,
                &v.meta,
                "Account keys may change databases and containers",
            );
        } else if v.is_false() {
            report.pass(&r.resource);
        }
    }
}
