use crate::check::{Fix, Format, arm_bad, arm_good, bicep_bad, bicep_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags a container registry with public network access enabled (the azurerm provider's
    /// default for `public_network_access_enabled` is true). Only Premium registries can turn it off
    /// or use private endpoints.
    ///
    /// A public registry is reachable by anyone holding a leaked token or admin password, from
    /// anywhere; private endpoints keep image pulls and pushes inside the network.
    pub static CHECK = {
        id: "azure-acr-public-network",
        title: "Container registry accepts connections from public networks",
        severity: Medium,
        risk_score: 4.5,
        provider: Azure,
        service: "acr",
        formats: [Terraform, Arm, Bicep],
        status: Preview,
        compliance: {
            NIST_800_53: ["SC-7"],
            ISO_27001: ["A.8.20", "A.8.22"],
            SOC2: ["CC6.6"],
        },
        aliases: ["CKV_AZURE_139"],
        remediation: "Set `public_network_access_enabled = false` on a Premium registry and use private endpoints.",
        references: ["https://learn.microsoft.com/en-us/azure/container-registry/container-registry-private-link"],
        examples: [
            tf_bad("Public access through a variable's default", r#"
variable "public" {
  default = true
}

resource "azurerm_container_registry" "main" {
  name                = "examplecorpacr"
  resource_group_name = "app-rg"
  location            = "westeurope"
  sku                 = "Premium"
  public_network_access_enabled = var.public
}
"#),
            tf_good("Private endpoints only", r#"
resource "azurerm_container_registry" "main" {
  name                = "examplecorpacr"
  resource_group_name = "app-rg"
  location            = "westeurope"
  sku                 = "Premium"
  public_network_access_enabled = false
}
"#),
            arm_bad("Public access from a parameter's default", r#"
{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "parameters": {
    "registryName": {
      "type": "string",
      "defaultValue": "examplecorpacr"
    },
    "publicAccess": {
      "type": "string",
      "defaultValue": "Enabled"
    }
  },
  "resources": [
    {
      "type": "Microsoft.ContainerRegistry/registries",
      "apiVersion": "2023-07-01",
      "name": "[parameters('registryName')]",
      "location": "[resourceGroup().location]",
      "sku": {
        "name": "Premium"
      },
      "properties": {
        "adminUserEnabled": false,
        "publicNetworkAccess": "[parameters('publicAccess')]",
        "anonymousPullEnabled": false
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
    "registryName": {
      "type": "string",
      "defaultValue": "examplecorpacr"
    }
  },
  "resources": [
    {
      "type": "Microsoft.ContainerRegistry/registries",
      "apiVersion": "2023-07-01",
      "name": "[parameters('registryName')]",
      "location": "[resourceGroup().location]",
      "sku": {
        "name": "Premium"
      },
      "properties": {
        "adminUserEnabled": false,
        "publicNetworkAccess": "Disabled",
        "anonymousPullEnabled": false
      }
    }
  ]
}
"#),
            bicep_bad("Public access from a parameter's default", r"
param registryName string = 'examplecorpacr'
param publicAccess string = 'Enabled'

resource registries 'Microsoft.ContainerRegistry/registries@2023-07-01' = {
  name: registryName
  location: resourceGroup().location
  sku: {
    name: 'Premium'
  }
  properties: {
    adminUserEnabled: false
    publicNetworkAccess: publicAccess
    anonymousPullEnabled: false
  }
}
"),
            bicep_good("The secure value, written literally", r"
param registryName string = 'examplecorpacr'

resource registries 'Microsoft.ContainerRegistry/registries@2023-07-01' = {
  name: registryName
  location: resourceGroup().location
  sku: {
    name: 'Premium'
  }
  properties: {
    adminUserEnabled: false
    publicNetworkAccess: 'Disabled'
    anonymousPullEnabled: false
  }
}
"),
        ],
        fixes: [Fix::set(Format::Terraform, &["public_network_access_enabled"], "false")],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for r in &state.azure.acr.registries {
        let v = &r.public_network_access;
        if v.is_true() {
            report.add(&r.resource, &v.meta, "Public network access is enabled");
        } else if v.is_false() {
            report.pass(&r.resource);
        }
    }
}
