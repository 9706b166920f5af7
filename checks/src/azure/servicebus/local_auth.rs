use crate::check::{Fix, Format, arm_bad, arm_good, bicep_bad, bicep_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;
use cloudsentinel_model::azure::messaging::NamespaceKind;

declare_check! {
    /// Flags a Service Bus namespace that accepts shared access signatures and keys
    /// (`local_auth_enabled`; true by default).
    ///
    /// Shared access keys are namespace-wide secrets that end up in connection strings: whoever
    /// reads one can send and receive messages, with no identity in the logs. Entra ID gives each
    /// sender and receiver its own, revocable role.
    pub static CHECK = {
        id: "azure-servicebus-local-auth",
        title: "Service Bus namespace accepts shared access keys",
        severity: Medium,
        risk_score: 4.0,
        provider: Azure,
        service: "servicebus",
        formats: [Terraform, Arm, Bicep],
        status: Preview,
        compliance: {
            NIST_800_53: ["IA-2", "AC-2"],
            ISO_27001: ["A.5.16", "A.5.17"],
            SOC2: ["CC6.1"],
        },
        aliases: [],
        remediation: "Set `local_auth_enabled = false` and grant Service Bus data roles to identities.",
        references: ["https://learn.microsoft.com/en-us/azure/service-bus-messaging/disable-local-authentication"],
        examples: [
            tf_bad("Keys accepted through a variable's default", r#"
variable "local_auth" {
  default = true
}

resource "azurerm_servicebus_namespace" "main" {
  name                = "example-servicebus"
  location            = "westeurope"
  resource_group_name = "app-rg"
  sku                 = "Standard"
  local_auth_enabled = var.local_auth
}
"#),
            tf_good("Entra ID only", r#"
resource "azurerm_servicebus_namespace" "main" {
  name                = "example-servicebus"
  location            = "westeurope"
  resource_group_name = "app-rg"
  sku                 = "Standard"
  local_auth_enabled = false
}
"#),
            arm_bad("Shared access keys from a parameter's default", r#"
{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "parameters": {
    "namespaceName": {
      "type": "string",
      "defaultValue": "example-servicebus"
    },
    "disableLocalAuth": {
      "type": "bool",
      "defaultValue": false
    }
  },
  "resources": [
    {
      "type": "Microsoft.ServiceBus/namespaces",
      "apiVersion": "2022-10-01-preview",
      "name": "[parameters('namespaceName')]",
      "location": "[resourceGroup().location]",
      "sku": {
        "name": "Standard"
      },
      "properties": {
        "disableLocalAuth": "[parameters('disableLocalAuth')]"
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
    "namespaceName": {
      "type": "string",
      "defaultValue": "example-servicebus"
    }
  },
  "resources": [
    {
      "type": "Microsoft.ServiceBus/namespaces",
      "apiVersion": "2022-10-01-preview",
      "name": "[parameters('namespaceName')]",
      "location": "[resourceGroup().location]",
      "sku": {
        "name": "Standard"
      },
      "properties": {
        "disableLocalAuth": true
      }
    }
  ]
}
"#),
            bicep_bad("Shared access keys from a parameter's default", r"
param namespaceName string = 'example-servicebus'
param disableLocalAuth bool = false

resource namespaces 'Microsoft.ServiceBus/namespaces@2022-10-01-preview' = {
  name: namespaceName
  location: resourceGroup().location
  sku: {
    name: 'Standard'
  }
  properties: {
    disableLocalAuth: disableLocalAuth
  }
}
"),
            bicep_good("The secure value, written literally", r"
param namespaceName string = 'example-servicebus'

resource namespaces 'Microsoft.ServiceBus/namespaces@2022-10-01-preview' = {
  name: namespaceName
  location: resourceGroup().location
  sku: {
    name: 'Standard'
  }
  properties: {
    disableLocalAuth: true
  }
}
"),
        ],
        fixes: [Fix::set(Format::Terraform, &["local_auth_enabled"], "false")],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for n in &state.azure.messaging.namespaces {
        if n.kind != NamespaceKind::ServiceBus {
            continue;
        }
        let v = &n.local_auth;
        if v.is_true() {
            report.add(&n.resource, &v.meta, "Shared access keys are accepted");
        } else if v.is_false() {
            report.pass(&n.resource);
        }
    }
}
