use crate::check::{Fix, Format, arm_bad, arm_good, bicep_bad, bicep_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags a container registry with the admin user enabled (the azurerm provider's default
    /// for `admin_enabled` is false).
    ///
    /// The admin user is one shared username and password with push and pull rights on every
    /// repository: it cannot be scoped, is not tied to a person, and leaks into pipelines and
    /// kubeconfigs.
    pub static CHECK = {
        id: "azure-acr-admin-user",
        title: "Container registry has its admin user enabled",
        severity: Medium,
        risk_score: 5.0,
        provider: Azure,
        service: "acr",
        formats: [Terraform, Arm, Bicep],
        compliance: {
            NIST_800_53: ["IA-2", "AC-6"],
            ISO_27001: ["A.5.16", "A.5.17"],
            SOC2: ["CC6.1"],
        },
        aliases: ["CKV_AZURE_137"],
        remediation: "Set `admin_enabled = false` (the default) and use Entra ID identities or repository-scoped tokens.",
        references: ["https://learn.microsoft.com/en-us/azure/container-registry/container-registry-authentication#admin-account"],
        examples: [
            tf_bad("The admin user turned on by a variable's default", r#"
variable "admin" {
  default = true
}

resource "azurerm_container_registry" "main" {
  name                = "examplecorpacr"
  resource_group_name = "app-rg"
  location            = "westeurope"
  sku                 = "Premium"
  admin_enabled       = var.admin
}
"#),
            tf_good("No admin user", r#"
resource "azurerm_container_registry" "main" {
  name                = "examplecorpacr"
  resource_group_name = "app-rg"
  location            = "westeurope"
  sku                 = "Premium"
}
"#),
            arm_bad("The admin user from a parameter's default", r#"
{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "parameters": {
    "registryName": {
      "type": "string",
      "defaultValue": "examplecorpacr"
    },
    "admin": {
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
        "adminUserEnabled": "[parameters('admin')]",
        "publicNetworkAccess": "Disabled",
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
            bicep_bad("The admin user from a parameter's default", r"
param registryName string = 'examplecorpacr'
param admin bool = true

resource registries 'Microsoft.ContainerRegistry/registries@2023-07-01' = {
  name: registryName
  location: resourceGroup().location
  sku: {
    name: 'Premium'
  }
  properties: {
    adminUserEnabled: admin
    publicNetworkAccess: 'Disabled'
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
        fixes: [Fix::set(Format::Terraform, &["admin_enabled"], "false")],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for r in &state.azure.acr.registries {
        let v = &r.admin_user_enabled;
        if v.is_true() {
            report.add(&r.resource, &v.meta, "The admin user is enabled");
        } else if v.is_false() {
            report.pass(&r.resource);
        }
    }
}
