use crate::check::{Fix, Format, arm_bad, arm_good, bicep_bad, bicep_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags an Azure AI Search service with public network access enabled
    /// (`public_network_access_enabled`; true by default).
    ///
    /// The index often holds copies of sensitive documents; a public endpoint lets a leaked query or
    /// admin key read them from anywhere.
    pub static CHECK = {
        id: "azure-search-public-network",
        title: "Search service accepts connections from public networks",
        severity: Medium,
        risk_score: 4.5,
        provider: Azure,
        service: "search",
        formats: [Terraform, Arm, Bicep],
        status: Preview,
        compliance: {
            NIST_800_53: ["SC-7"],
            ISO_27001: ["A.8.20", "A.8.22"],
            SOC2: ["CC6.6"],
        },
        aliases: ["CKV_AZURE_124"],
        remediation: "Set `public_network_access_enabled = false` and use private endpoints (or restrict `allowed_ips`).",
        references: ["https://learn.microsoft.com/en-us/azure/search/service-create-private-endpoint"],
        examples: [
            tf_bad("Public access through a variable's default", r#"
variable "public" {
  default = true
}

resource "azurerm_search_service" "main" {
  name                = "example-search"
  location            = "westeurope"
  resource_group_name = "app-rg"
  sku                 = "standard"
  public_network_access_enabled = var.public
}
"#),
            tf_good("Private endpoints only", r#"
resource "azurerm_search_service" "main" {
  name                = "example-search"
  location            = "westeurope"
  resource_group_name = "app-rg"
  sku                 = "standard"
  public_network_access_enabled = false
}
"#),
            arm_bad("Public access from a parameter's default", r#"
{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "parameters": {
    "serviceName": {
      "type": "string",
      "defaultValue": "example-search"
    },
    "publicAccess": {
      "type": "string",
      "defaultValue": "enabled"
    }
  },
  "resources": [
    {
      "type": "Microsoft.Search/searchServices",
      "apiVersion": "2023-11-01",
      "name": "[parameters('serviceName')]",
      "location": "[resourceGroup().location]",
      "sku": {
        "name": "standard"
      },
      "properties": {
        "replicaCount": 1,
        "partitionCount": 1,
        "publicNetworkAccess": "[parameters('publicAccess')]"
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
    "serviceName": {
      "type": "string",
      "defaultValue": "example-search"
    }
  },
  "resources": [
    {
      "type": "Microsoft.Search/searchServices",
      "apiVersion": "2023-11-01",
      "name": "[parameters('serviceName')]",
      "location": "[resourceGroup().location]",
      "sku": {
        "name": "standard"
      },
      "properties": {
        "replicaCount": 1,
        "partitionCount": 1,
        "publicNetworkAccess": "disabled"
      }
    }
  ]
}
"#),
            bicep_bad("Public access from a parameter's default", r"
param serviceName string = 'example-search'
param publicAccess string = 'enabled'

resource searchServices 'Microsoft.Search/searchServices@2023-11-01' = {
  name: serviceName
  location: resourceGroup().location
  sku: {
    name: 'standard'
  }
  properties: {
    replicaCount: 1
    partitionCount: 1
    publicNetworkAccess: publicAccess
  }
}
"),
            bicep_good("The secure value, written literally", r"
param serviceName string = 'example-search'

resource searchServices 'Microsoft.Search/searchServices@2023-11-01' = {
  name: serviceName
  location: resourceGroup().location
  sku: {
    name: 'standard'
  }
  properties: {
    replicaCount: 1
    partitionCount: 1
    publicNetworkAccess: 'disabled'
  }
}
"),
        ],
        fixes: [Fix::set(Format::Terraform, &["public_network_access_enabled"], "false")],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for r in &state.azure.search.services {
        let v = &r.public_network_access;
        if v.is_true() {
            report.add(&r.resource, &v.meta, "Public network access is enabled");
        } else if v.is_false() {
            report.pass(&r.resource);
        }
    }
}
