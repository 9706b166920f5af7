use crate::check::{arm_bad, arm_good, bicep_bad, bicep_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;
use cloudsentinel_model::azure::tls_below_1_2;

declare_check! {
    /// Flags a web or function app whose minimum TLS version (`siteConfig.minTlsVersion`) is
    /// below 1.2. The azurerm provider's default is 1.2.
    ///
    /// TLS 1.0 and 1.1 have known weaknesses and are deprecated (RFC 8996): clients that negotiate
    /// them expose sessions to downgrade attacks.
    pub static CHECK = {
        id: "azure-appservice-outdated-tls",
        title: "Web app accepts TLS older than 1.2",
        severity: Medium,
        risk_score: 5.0,
        provider: Azure,
        service: "appservice",
        formats: [Terraform, Arm, Bicep],
        compliance: {
            CIS_AZURE: ["9.3"],
            NIST_800_53: ["SC-8", "SC-13"],
            ISO_27001: ["A.8.24"],
            SOC2: ["CC6.7"],
        },
        aliases: ["CKV_AZURE_15"],
        remediation: "Set `site_config { minimum_tls_version = \"1.2\" }` (the default).",
        references: ["https://learn.microsoft.com/en-us/azure/app-service/configure-ssl-bindings#enforce-tls-versions"],
        examples: [
            tf_bad("TLS 1.0 allowed through a variable's default", r#"
variable "plan_id" {}

variable "min_tls" {
  default = "1.0"
}

resource "azurerm_linux_web_app" "site" {
  name                = "example-site"
  resource_group_name = "app-rg"
  location            = "westeurope"
  service_plan_id     = var.plan_id
  https_only          = true

  site_config {
    minimum_tls_version = var.min_tls
  }
}
"#),
            tf_good("TLS 1.2 by default", r#"
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
            arm_bad("TLS 1.0 from a parameter's default", r#"
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
    "minTls": {
      "type": "string",
      "defaultValue": "1.0"
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
          "minTlsVersion": "[parameters('minTls')]",
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
            bicep_bad("TLS 1.0 from a parameter's default", r"
param siteName string = 'example-site'
param planId string
param minTls string = '1.0'

resource sites 'Microsoft.Web/sites@2023-12-01' = {
  name: siteName
  location: resourceGroup().location
  kind: 'app,linux'
  properties: {
    serverFarmId: planId
    httpsOnly: true
    clientCertEnabled: true
    siteConfig: {
      minTlsVersion: minTls
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
    for a in &state.azure.appservice.web_apps {
        let v = &a.min_tls_version;
        match v.as_str().and_then(tls_below_1_2) {
            Some(true) => report.add(
                &a.resource,
                &v.meta,
                format!(
                    "The minimum TLS version is {}",
                    v.as_str().unwrap_or_default()
                ),
            ),
            Some(false) => report.pass(&a.resource),
            None => {}
        }
    }
}
