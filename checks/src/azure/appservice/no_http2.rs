use crate::check::{arm_bad, arm_good, bicep_bad, bicep_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags a web or function app with HTTP/2 off (`site_config.http2_enabled`; false by
    /// default).
    ///
    /// HTTP/2 brings protocol-level fixes (header compression without the old weaknesses, one
    /// connection per client) and is what CIS expects of App Service.
    pub static CHECK = {
        id: "azure-appservice-no-http2",
        title: "Web app does not use HTTP/2",
        severity: Low,
        risk_score: 2.0,
        provider: Azure,
        service: "appservice",
        formats: [Terraform, Arm, Bicep],
        status: Preview,
        compliance: {
            CIS_AZURE: ["9.9"],
            NIST_800_53: ["SC-8"],
            ISO_27001: ["A.8.9"],
            SOC2: ["CC6.8"],
        },
        aliases: ["CKV_AZURE_18"],
        remediation: "Set `site_config { http2_enabled = true }`.",
        references: ["https://learn.microsoft.com/en-us/azure/app-service/configure-common#configure-general-settings"],
        examples: [
            tf_bad("HTTP/2 off through a variable's default", r#"
variable "plan_id" {}

variable "http2" {
  default = false
}

resource "azurerm_linux_web_app" "site" {
  name                = "example-site"
  resource_group_name = "app-rg"
  location            = "westeurope"
  service_plan_id     = var.plan_id
  https_only          = true

  site_config {
    http2_enabled = var.http2
  }
}
"#),
            tf_good("HTTP/2 on", r#"
variable "plan_id" {}

resource "azurerm_linux_web_app" "site" {
  name                = "example-site"
  resource_group_name = "app-rg"
  location            = "westeurope"
  service_plan_id     = var.plan_id
  https_only          = true

  site_config {
    http2_enabled = true
  }
}
"#),
            arm_bad("HTTP/2 off from a parameter's default", r#"
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
    "http2": {
      "type": "bool",
      "defaultValue": false
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
          "http20Enabled": "[parameters('http2')]",
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
            bicep_bad("HTTP/2 off from a parameter's default", r"
param siteName string = 'example-site'
param planId string
param http2 bool = false

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
      http20Enabled: http2
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
        let v = &r.http2;
        if v.is_false() {
            report.add(&r.resource, &v.meta, "HTTP/2 is off");
        } else if v.is_true() {
            report.pass(&r.resource);
        }
    }
}
