use crate::check::{Fix, Format, arm_bad, arm_good, bicep_bad, bicep_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags a data factory with public network access enabled (`public_network_enabled`;
    /// true by default).
    ///
    /// A data factory holds linked-service credentials to many data stores; reachable from public
    /// networks, it is one leaked credential away from all of them.
    pub static CHECK = {
        id: "azure-datafactory-public-network",
        title: "Data factory accepts connections from public networks",
        severity: Medium,
        risk_score: 4.5,
        provider: Azure,
        service: "datafactory",
        formats: [Terraform, Arm, Bicep],
        status: Preview,
        compliance: {
            NIST_800_53: ["SC-7"],
            ISO_27001: ["A.8.20", "A.8.22"],
            SOC2: ["CC6.6"],
        },
        aliases: ["CKV_AZURE_104"],
        remediation: "Set `public_network_enabled = false` and use private endpoints with a managed virtual network.",
        references: ["https://learn.microsoft.com/en-us/azure/data-factory/data-factory-private-link"],
        examples: [
            tf_bad("Public access through a variable's default", r#"
variable "public" {
  default = true
}

resource "azurerm_data_factory" "main" {
  name                = "example-adf"
  location            = "westeurope"
  resource_group_name = "app-rg"
  public_network_enabled = var.public
}
"#),
            tf_good("Private access only", r#"
resource "azurerm_data_factory" "main" {
  name                = "example-adf"
  location            = "westeurope"
  resource_group_name = "app-rg"
  public_network_enabled = false
}
"#),
            arm_bad("Public access from a parameter's default", r#"
{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "parameters": {
    "factoryName": {
      "type": "string",
      "defaultValue": "example-adf"
    },
    "publicAccess": {
      "type": "string",
      "defaultValue": "Enabled"
    }
  },
  "resources": [
    {
      "type": "Microsoft.DataFactory/factories",
      "apiVersion": "2018-06-01",
      "name": "[parameters('factoryName')]",
      "location": "[resourceGroup().location]",
      "identity": {
        "type": "SystemAssigned"
      },
      "properties": {
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
    "factoryName": {
      "type": "string",
      "defaultValue": "example-adf"
    }
  },
  "resources": [
    {
      "type": "Microsoft.DataFactory/factories",
      "apiVersion": "2018-06-01",
      "name": "[parameters('factoryName')]",
      "location": "[resourceGroup().location]",
      "identity": {
        "type": "SystemAssigned"
      },
      "properties": {
        "publicNetworkAccess": "Disabled"
      }
    }
  ]
}
"#),
            bicep_bad("Public access from a parameter's default", r"
param factoryName string = 'example-adf'
param publicAccess string = 'Enabled'

resource factories 'Microsoft.DataFactory/factories@2018-06-01' = {
  name: factoryName
  location: resourceGroup().location
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    publicNetworkAccess: publicAccess
  }
}
"),
            bicep_good("The secure value, written literally", r"
param factoryName string = 'example-adf'

resource factories 'Microsoft.DataFactory/factories@2018-06-01' = {
  name: factoryName
  location: resourceGroup().location
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    publicNetworkAccess: 'Disabled'
  }
}
"),
        ],
        fixes: [Fix::set(Format::Terraform, &["public_network_enabled"], "false")],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for r in &state.azure.datafactory.factories {
        let v = &r.public_network_access;
        if v.is_true() {
            report.add(&r.resource, &v.meta, "Public network access is enabled");
        } else if v.is_false() {
            report.pass(&r.resource);
        }
    }
}
