use crate::check::{Fix, Format, arm_bad, arm_good, bicep_bad, bicep_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags a container registry that lets anyone pull images without credentials
    /// (`anonymous_pull_enabled`; false by default).
    ///
    /// Every image, with the code, configuration and secrets baked into its layers, is then
    /// downloadable by the whole internet.
    pub static CHECK = {
        id: "azure-acr-anonymous-pull",
        title: "Container registry allows anonymous pulls",
        severity: High,
        risk_score: 7.0,
        provider: Azure,
        service: "acr",
        formats: [Terraform, Arm, Bicep],
        status: Preview,
        compliance: {
            NIST_800_53: ["AC-3", "AC-14"],
            ISO_27001: ["A.5.15", "A.8.3"],
            SOC2: ["CC6.1"],
        },
        aliases: [],
        remediation: "Remove `anonymous_pull_enabled = true`; publish public images from a separate registry.",
        references: ["https://learn.microsoft.com/en-us/azure/container-registry/anonymous-pull-access"],
        examples: [
            tf_bad("Anonymous pulls through a variable's default", r#"
variable "anonymous" {
  default = true
}

resource "azurerm_container_registry" "main" {
  name                = "examplecorpacr"
  resource_group_name = "app-rg"
  location            = "westeurope"
  sku                 = "Premium"
  anonymous_pull_enabled = var.anonymous
}
"#),
            tf_good("Credentials required", r#"
resource "azurerm_container_registry" "main" {
  name                = "examplecorpacr"
  resource_group_name = "app-rg"
  location            = "westeurope"
  sku                 = "Premium"
}
"#),
            arm_bad("Anonymous pulls from a parameter's default", r#"
{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "parameters": {
    "registryName": {
      "type": "string",
      "defaultValue": "examplecorpacr"
    },
    "anonymous": {
      "type": "bool",
      "defaultValue": true
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
        "anonymousPullEnabled": "[parameters('anonymous')]"
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
            bicep_bad("Anonymous pulls from a parameter's default", r"
param registryName string = 'examplecorpacr'
param anonymous bool = true

resource registries 'Microsoft.ContainerRegistry/registries@2023-07-01' = {
  name: registryName
  location: resourceGroup().location
  sku: {
    name: 'Premium'
  }
  properties: {
    adminUserEnabled: false
    publicNetworkAccess: 'Disabled'
    anonymousPullEnabled: anonymous
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
        fixes: [Fix::set(Format::Terraform, &["anonymous_pull_enabled"], "false")],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for r in &state.azure.acr.registries {
        let v = &r.anonymous_pull;
        if v.is_true() {
            report.add(&r.resource, &v.meta, "Anonymous pulls are allowed");
        } else if v.is_false() {
            report.pass(&r.resource);
        }
    }
}
