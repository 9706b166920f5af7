use crate::check::{arm_bad, arm_good, bicep_bad, bicep_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags a web or function app whose CORS policy allows every origin (`*` in
    /// `site_config.cors.allowed_origins`).
    ///
    /// Any website a user visits can then call the app's API from the user's browser and read the
    /// answers.
    pub static CHECK = {
        id: "azure-appservice-cors-any",
        title: "Web app allows cross-origin requests from any site",
        severity: Medium,
        risk_score: 4.5,
        provider: Azure,
        service: "appservice",
        formats: [Terraform, Arm, Bicep],
        status: Preview,
        compliance: {
            NIST_800_53: ["AC-4"],
            ISO_27001: ["A.8.22"],
            SOC2: ["CC6.6"],
        },
        aliases: ["CKV_AZURE_57"],
        remediation: "List the origins that need access in `allowed_origins` instead of `*`.",
        references: ["https://learn.microsoft.com/en-us/azure/app-service/app-service-web-tutorial-rest-api#enable-cors"],
        examples: [
            tf_bad("Every origin through a variable's default", r#"
variable "plan_id" {}

variable "origins" {
  default = ["*"]
}

resource "azurerm_linux_web_app" "site" {
  name                = "example-site"
  resource_group_name = "app-rg"
  location            = "westeurope"
  service_plan_id     = var.plan_id
  https_only          = true

  site_config {
    cors {
      allowed_origins = var.origins
    }
  }
}
"#),
            tf_good("One origin", r#"
variable "plan_id" {}

resource "azurerm_linux_web_app" "site" {
  name                = "example-site"
  resource_group_name = "app-rg"
  location            = "westeurope"
  service_plan_id     = var.plan_id
  https_only          = true

  site_config {
    cors {
      allowed_origins = ["https://app.example.com"]
    }
  }
}
"#),
            arm_bad("Every origin from a parameter's default", r#"
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
    "corsOrigins": {
      "type": "array",
      "defaultValue": [
        "*"
      ]
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
            "allowedOrigins": "[parameters('corsOrigins')]"
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
            bicep_bad("Every origin from a parameter's default", r"
param siteName string = 'example-site'
param planId string
param corsOrigins array = [
  '*'
]

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
        allowedOrigins: corsOrigins
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
        if let Some(any) = a
            .cors_origins
            .iter()
            .find(|o| o.as_str().map(str::trim) == Some("*"))
        {
            report.add(&a.resource, &any.meta, "CORS allows every origin (`*`)");
        } else if a.cors_origins.iter().all(|o| o.known().is_some()) {
            report.pass(&a.resource);
        }
    }
}
