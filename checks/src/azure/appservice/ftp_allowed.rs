use crate::check::{arm_bad, arm_good, bicep_bad, bicep_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags a web or function app whose FTP state is `AllAllowed` (plain FTP and FTPS). The
    /// azurerm provider's default for `ftps_state` on `azurerm_linux_web_app` and its siblings is
    /// `Disabled`; the older `azurerm_app_service` leaves it to Azure, so an absent setting there gets
    /// no verdict.
    ///
    /// Plain FTP sends the deployment credentials and the site's code in clear text: whoever reads
    /// them can replace the application.
    pub static CHECK = {
        id: "azure-appservice-ftp-allowed",
        title: "Web app accepts plain FTP",
        severity: Medium,
        risk_score: 5.0,
        provider: Azure,
        service: "appservice",
        formats: [Terraform, Arm, Bicep],
        compliance: {
            CIS_AZURE: ["9.10"],
            NIST_800_53: ["SC-8", "CM-7"],
            ISO_27001: ["A.8.24"],
            SOC2: ["CC6.7"],
        },
        aliases: ["CKV_AZURE_78"],
        remediation: "Set `site_config { ftps_state = \"Disabled\" }` (or `FtpsOnly` when FTP deployment is needed).",
        references: ["https://learn.microsoft.com/en-us/azure/app-service/deploy-ftp#enforce-ftps"],
        examples: [
            tf_bad("FTP allowed through a variable's default", r#"
variable "plan_id" {}

variable "ftps_state" {
  default = "AllAllowed"
}

resource "azurerm_linux_web_app" "site" {
  name                = "example-site"
  resource_group_name = "app-rg"
  location            = "westeurope"
  service_plan_id     = var.plan_id
  https_only          = true

  site_config {
    ftps_state = var.ftps_state
  }
}
"#),
            tf_good("FTP disabled by default", r#"
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
            arm_bad("Plain FTP from a parameter's default", r#"
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
    "ftpsState": {
      "type": "string",
      "defaultValue": "AllAllowed"
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
          "ftpsState": "[parameters('ftpsState')]",
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
            bicep_bad("Plain FTP from a parameter's default", r"
param siteName string = 'example-site'
param planId string
param ftpsState string = 'AllAllowed'

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
      ftpsState: ftpsState
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
        let v = &a.ftps_state;
        match v.as_str() {
            Some(s) if s.eq_ignore_ascii_case("AllAllowed") => {
                report.add(&a.resource, &v.meta, "Plain FTP is allowed (`AllAllowed`)");
            }
            Some(_) => report.pass(&a.resource),
            None => {}
        }
    }
}
