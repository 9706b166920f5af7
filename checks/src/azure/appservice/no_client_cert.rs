use crate::check::{arm_bad, arm_good, bicep_bad, bicep_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags a web or function app that does not require incoming client certificates
    /// (`client_certificate_enabled`, `client_cert_enabled` on the older resources; false by
    /// default).
    ///
    /// Client certificates authenticate the calling machine before the application sees a request:
    /// for internal APIs, a second factor that a stolen token alone does not satisfy.
    pub static CHECK = {
        id: "azure-appservice-no-client-cert",
        title: "Web app does not require client certificates",
        severity: Low,
        risk_score: 3.0,
        provider: Azure,
        service: "appservice",
        formats: [Terraform, Arm, Bicep],
        status: Preview,
        compliance: {
            CIS_AZURE: ["9.4"],
            NIST_800_53: ["IA-3", "IA-2"],
            ISO_27001: ["A.8.5"],
            SOC2: ["CC6.1"],
        },
        aliases: ["CKV_AZURE_17"],
        remediation: "Set `client_certificate_enabled = true` (with `client_certificate_mode = \"Required\"`).",
        references: ["https://learn.microsoft.com/en-us/azure/app-service/app-service-web-configure-tls-mutual-auth"],
        examples: [
            tf_bad("Client certificates off through a variable's default", r#"
variable "plan_id" {}

variable "mtls" {
  default = false
}

resource "azurerm_linux_web_app" "site" {
  name                = "example-site"
  resource_group_name = "app-rg"
  location            = "westeurope"
  service_plan_id     = var.plan_id
  https_only          = true
  client_certificate_enabled = var.mtls

  site_config {
  }
}
"#),
            tf_good("Client certificates required", r#"
variable "plan_id" {}

resource "azurerm_linux_web_app" "site" {
  name                = "example-site"
  resource_group_name = "app-rg"
  location            = "westeurope"
  service_plan_id     = var.plan_id
  https_only          = true
  client_certificate_enabled = true
  client_certificate_mode    = "Required"

  site_config {
  }
}
"#),
            arm_bad("Client certificates off from a parameter's default", r#"
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
    "clientCerts": {
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
        "clientCertEnabled": "[parameters('clientCerts')]",
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
            bicep_bad("Client certificates off from a parameter's default", r"
param siteName string = 'example-site'
param planId string
param clientCerts bool = false

resource sites 'Microsoft.Web/sites@2023-12-01' = {
  name: siteName
  location: resourceGroup().location
  kind: 'app,linux'
  properties: {
    serverFarmId: planId
    httpsOnly: true
    clientCertEnabled: clientCerts
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
        let v = &r.client_cert;
        if v.is_false() {
            report.add(&r.resource, &v.meta, "Client certificates are not required");
        } else if v.is_true() {
            report.pass(&r.resource);
        }
    }
}
