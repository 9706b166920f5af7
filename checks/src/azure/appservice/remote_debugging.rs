use crate::check::{arm_bad, arm_good, bicep_bad, bicep_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags a web or function app with remote debugging enabled
    /// (`site_config.remote_debugging_enabled`; false by default).
    ///
    /// Remote debugging opens extra ports and lets a debugger attach to the production process:
    /// a path to read memory (secrets, sessions) and change behaviour at run time.
    pub static CHECK = {
        id: "azure-appservice-remote-debugging",
        title: "Web app has remote debugging on",
        severity: Medium,
        risk_score: 5.5,
        provider: Azure,
        service: "appservice",
        formats: [Terraform, Arm, Bicep],
        status: Preview,
        compliance: {
            NIST_800_53: ["CM-7"],
            ISO_27001: ["A.8.9"],
            SOC2: ["CC6.8"],
        },
        aliases: ["CKV_AZURE_72"],
        remediation: "Remove `remote_debugging_enabled = true`; debug in a staging slot.",
        references: ["https://learn.microsoft.com/en-us/visualstudio/debugger/remote-debugging-azure-app-service"],
        examples: [
            tf_bad("Remote debugging through a variable's default", r#"
variable "plan_id" {}

variable "debug" {
  default = true
}

resource "azurerm_linux_web_app" "site" {
  name                = "example-site"
  resource_group_name = "app-rg"
  location            = "westeurope"
  service_plan_id     = var.plan_id
  https_only          = true

  site_config {
    remote_debugging_enabled = var.debug
  }
}
"#),
            tf_good("Remote debugging off by default", r#"
variable "plan_id" {}

resource "azurerm_linux_web_app" "site" {
  name                = "example-site"
  resource_group_name = "app-rg"
  location            = "westeurope"
  service_plan_id     = var.plan_id
  https_only          = true

  site_config {
  }
}
"#),
            arm_bad("Remote debugging from a parameter's default", r#"
{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "parameters": {
    "siteName": {
      "type": "string",
      "defaultValue": "example-site"
    },
    "planId": {
      "type": "string"
    },
    "remoteDebugging": {
      "type": "bool",
      "defaultValue": true
    }
  },
  "resources": [
    {
      "type": "Microsoft.Web/sites",
      "apiVersion": "2023-12-01",
      "name": "[parameters('siteName')]",
      "location": "[resourceGroup().location]",
      "kind": "app,linux",
      "properties": {
        "serverFarmId": "[parameters('planId')]",
        "httpsOnly": true,
        "clientCertEnabled": true,
        "siteConfig": {
          "minTlsVersion": "1.2",
          "ftpsState": "Disabled",
          "http20Enabled": true,
          "remoteDebuggingEnabled": "[parameters('remoteDebugging')]",
          "cors": {
            "allowedOrigins": [
              "https://app.example.com"
            ]
          }
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
    "siteName": {
      "type": "string",
      "defaultValue": "example-site"
    },
    "planId": {
      "type": "string"
    }
  },
  "resources": [
    {
      "type": "Microsoft.Web/sites",
      "apiVersion": "2023-12-01",
      "name": "[parameters('siteName')]",
      "location": "[resourceGroup().location]",
      "kind": "app,linux",
      "properties": {
        "serverFarmId": "[parameters('planId')]",
        "httpsOnly": true,
        "clientCertEnabled": true,
        "siteConfig": {
          "minTlsVersion": "1.2",
          "ftpsState": "Disabled",
          "http20Enabled": true,
          "remoteDebuggingEnabled": false,
          "cors": {
            "allowedOrigins": [
              "https://app.example.com"
            ]
          }
        }
      }
    }
  ]
}
"#),
            bicep_bad("Remote debugging from a parameter's default", r"
param siteName string = 'example-site'
param planId string
param remoteDebugging bool = true

resource sites 'Microsoft.Web/sites@2023-12-01' = {
  name: siteName
  location: resourceGroup().location
  kind: 'app,linux'
  properties: {
    serverFarmId: planId
    httpsOnly: true
    clientCertEnabled: true
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
      remoteDebuggingEnabled: remoteDebugging
      cors: {
        allowedOrigins: [
          'https://app.example.com'
        ]
      }
    }
  }
}
"),
            bicep_good("The secure value, written literally", r"
param siteName string = 'example-site'
param planId string

resource sites 'Microsoft.Web/sites@2023-12-01' = {
  name: siteName
  location: resourceGroup().location
  kind: 'app,linux'
  properties: {
    serverFarmId: planId
    httpsOnly: true
    clientCertEnabled: true
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
      remoteDebuggingEnabled: false
      cors: {
        allowedOrigins: [
          'https://app.example.com'
        ]
      }
    }
  }
}
"),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for r in &state.azure.appservice.web_apps {
        let v = &r.remote_debugging;
        if v.is_true() {
            report.add(&r.resource, &v.meta, "Remote debugging is enabled");
        } else if v.is_false() {
            report.pass(&r.resource);
        }
    }
}
