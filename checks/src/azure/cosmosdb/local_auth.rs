use crate::check::{Fix, Format, arm_bad, arm_good, bicep_bad, bicep_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags a Cosmos DB account that accepts its primary and secondary keys
    /// (`local_authentication_disabled` is false, the azurerm provider's default).
    ///
    /// Account keys are all-powerful, shared and long-lived: whoever reads one from a configuration
    /// file or pipeline has full access, with no identity in the audit log. Entra ID with data-plane
    /// roles gives each caller its own, revocable rights.
    pub static CHECK = {
        id: "azure-cosmosdb-local-auth",
        title: "Cosmos DB account accepts account keys",
        severity: Medium,
        risk_score: 4.5,
        provider: Azure,
        service: "cosmosdb",
        formats: [Terraform, Arm, Bicep],
        status: Preview,
        compliance: {
            NIST_800_53: ["IA-2", "AC-2"],
            ISO_27001: ["A.5.16", "A.5.17"],
            SOC2: ["CC6.1"],
        },
        aliases: ["CKV_AZURE_140"],
        remediation: "Set `local_authentication_disabled = true` and grant Cosmos DB data-plane roles to identities.",
        references: ["https://learn.microsoft.com/en-us/azure/cosmos-db/how-to-setup-rbac#disable-local-auth"],
        examples: [
            tf_bad("Keys accepted through a variable's default", r#"
variable "disable_keys" {
  default = false
}

resource "azurerm_cosmosdb_account" "main" {
  name                = "example-cosmos"
  location            = "westeurope"
  resource_group_name = "app-rg"
  offer_type          = "Standard"
  kind                = "GlobalDocumentDB"
  ip_range_filter     = ["203.0.113.0/24"]
  local_authentication_disabled = var.disable_keys

  consistency_policy {
    consistency_level = "Session"
  }

  geo_location {
    location          = "westeurope"
    failover_priority = 0
  }
}
"#),
            tf_good("Entra ID only", r#"
resource "azurerm_cosmosdb_account" "main" {
  name                = "example-cosmos"
  location            = "westeurope"
  resource_group_name = "app-rg"
  offer_type          = "Standard"
  kind                = "GlobalDocumentDB"
  ip_range_filter     = ["203.0.113.0/24"]
  local_authentication_disabled = true

  consistency_policy {
    consistency_level = "Session"
  }

  geo_location {
    location          = "westeurope"
    failover_priority = 0
  }
}
"#),
            arm_bad("Account keys accepted from a parameter's default", r#"
{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "parameters": {
    "accountName": {
      "type": "string",
      "defaultValue": "example-cosmos"
    },
    "disableKeys": {
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
        "disableLocalAuth": "[parameters('disableKeys')]",
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
            bicep_bad("Account keys accepted from a parameter's default", r"
param accountName string = 'example-cosmos'
param disableKeys bool = false

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
    disableLocalAuth: disableKeys
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
        fixes: [Fix::set(Format::Terraform, &["local_authentication_disabled"], "true")],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for r in &state.azure.cosmosdb.accounts {
        let v = &r.local_auth_disabled;
        if v.is_false() {
            report.add(&r.resource, &v.meta, "Account keys are accepted");
        } else if v.is_true() {
            report.pass(&r.resource);
        }
    }
}
