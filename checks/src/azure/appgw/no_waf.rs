use crate::check::{arm_bad, arm_good, bicep_bad, bicep_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags an application gateway without a web application firewall: a `Standard` or
    /// `Standard_v2` SKU, or a `WAF` SKU whose `waf_configuration` is disabled, with no
    /// `firewall_policy_id`.
    ///
    /// Without a WAF, injection, cross-site scripting and known-exploit traffic reaches the
    /// applications behind the gateway unfiltered.
    pub static CHECK = {
        id: "azure-appgw-no-waf",
        title: "Application gateway has no web application firewall",
        severity: Medium,
        risk_score: 5.5,
        provider: Azure,
        service: "appgw",
        formats: [Terraform, Arm, Bicep],
        status: Preview,
        compliance: {
            NIST_800_53: ["SC-7", "SI-3"],
            ISO_27001: ["A.8.20", "A.8.23"],
            SOC2: ["CC6.6"],
        },
        aliases: ["CKV_AZURE_120"],
        remediation: "Use the `WAF_v2` SKU with a `firewall_policy_id` (or `waf_configuration { enabled = true, firewall_mode = \"Prevention\" }`).",
        references: ["https://learn.microsoft.com/en-us/azure/web-application-firewall/ag/ag-overview"],
        examples: [
            tf_bad("A Standard_v2 gateway, the SKU from a variable's default", r#"
variable "subnet_id" {}

variable "public_ip_id" {}

variable "sku" {
  default = "Standard_v2"
}

resource "azurerm_application_gateway" "web" {
  name                = "web-gateway"
  resource_group_name = "app-rg"
  location            = "westeurope"

  sku {
    name     = var.sku
    tier     = var.sku
    capacity = 2
  }

  gateway_ip_configuration {
    name      = "gateway"
    subnet_id = var.subnet_id
  }

  frontend_port {
    name = "https"
    port = 443
  }

  frontend_ip_configuration {
    name                 = "public"
    public_ip_address_id = var.public_ip_id
  }

  backend_address_pool {
    name = "web"
  }

  backend_http_settings {
    name                  = "web"
    cookie_based_affinity = "Disabled"
    port                  = 443
    protocol              = "Https"
  }

  http_listener {
    name                           = "https"
    frontend_ip_configuration_name = "public"
    frontend_port_name             = "https"
    protocol                       = "Https"
    ssl_certificate_name           = "web"
  }

  request_routing_rule {
    name                       = "web"
    priority                   = 100
    rule_type                  = "Basic"
    http_listener_name         = "https"
    backend_address_pool_name  = "web"
    backend_http_settings_name = "web"
  }
}
"#),
            tf_good("A WAF_v2 gateway with a firewall policy", r#"
variable "subnet_id" {}

variable "public_ip_id" {}

variable "waf_policy_id" {}

resource "azurerm_application_gateway" "web" {
  name                = "web-gateway"
  resource_group_name = "app-rg"
  location            = "westeurope"

  sku {
    name     = "WAF_v2"
    tier     = "WAF_v2"
    capacity = 2
  }

  firewall_policy_id = var.waf_policy_id

  gateway_ip_configuration {
    name      = "gateway"
    subnet_id = var.subnet_id
  }

  frontend_port {
    name = "https"
    port = 443
  }

  frontend_ip_configuration {
    name                 = "public"
    public_ip_address_id = var.public_ip_id
  }

  backend_address_pool {
    name = "web"
  }

  backend_http_settings {
    name                  = "web"
    cookie_based_affinity = "Disabled"
    port                  = 443
    protocol              = "Https"
  }

  http_listener {
    name                           = "https"
    frontend_ip_configuration_name = "public"
    frontend_port_name             = "https"
    protocol                       = "Https"
    ssl_certificate_name           = "web"
  }

  request_routing_rule {
    name                       = "web"
    priority                   = 100
    rule_type                  = "Basic"
    http_listener_name         = "https"
    backend_address_pool_name  = "web"
    backend_http_settings_name = "web"
  }
}
"#),
            arm_bad("A Standard_v2 gateway, the SKU from a parameter's default", r#"
{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "parameters": {
    "gatewayName": {
      "type": "string",
      "defaultValue": "web-gateway"
    },
    "subnetId": {
      "type": "string"
    },
    "skuName": {
      "type": "string",
      "defaultValue": "Standard_v2"
    }
  },
  "resources": [
    {
      "type": "Microsoft.Network/applicationGateways",
      "apiVersion": "2023-09-01",
      "name": "[parameters('gatewayName')]",
      "location": "[resourceGroup().location]",
      "properties": {
        "sku": {
          "name": "[parameters('skuName')]",
          "tier": "[parameters('skuName')]",
          "capacity": 2
        },
        "gatewayIPConfigurations": [
          {
            "name": "gateway",
            "properties": {
              "subnet": {
                "id": "[parameters('subnetId')]"
              }
            }
          }
        ]
      }
    }
  ]
}
"#),
            arm_good("A WAF_v2 gateway with a firewall policy", r#"
{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "parameters": {
    "gatewayName": {
      "type": "string",
      "defaultValue": "web-gateway"
    },
    "wafPolicyId": {
      "type": "string"
    },
    "subnetId": {
      "type": "string"
    }
  },
  "resources": [
    {
      "type": "Microsoft.Network/applicationGateways",
      "apiVersion": "2023-09-01",
      "name": "[parameters('gatewayName')]",
      "location": "[resourceGroup().location]",
      "properties": {
        "sku": {
          "name": "WAF_v2",
          "tier": "WAF_v2",
          "capacity": 2
        },
        "firewallPolicy": {
          "id": "[parameters('wafPolicyId')]"
        },
        "gatewayIPConfigurations": [
          {
            "name": "gateway",
            "properties": {
              "subnet": {
                "id": "[parameters('subnetId')]"
              }
            }
          }
        ]
      }
    }
  ]
}
"#),
            bicep_bad("A Standard_v2 gateway, the SKU from a parameter's default", r"
param gatewayName string = 'web-gateway'
param subnetId string
param skuName string = 'Standard_v2'

resource applicationGateways 'Microsoft.Network/applicationGateways@2023-09-01' = {
  name: gatewayName
  location: resourceGroup().location
  properties: {
    sku: {
      name: skuName
      tier: skuName
      capacity: 2
    }
    gatewayIPConfigurations: [
      {
        name: 'gateway'
        properties: {
          subnet: {
            id: subnetId
          }
        }
      }
    ]
  }
}
"),
            bicep_good("A WAF_v2 gateway with a firewall policy", r"
param gatewayName string = 'web-gateway'
param wafPolicyId string
param subnetId string

resource applicationGateways 'Microsoft.Network/applicationGateways@2023-09-01' = {
  name: gatewayName
  location: resourceGroup().location
  properties: {
    sku: {
      name: 'WAF_v2'
      tier: 'WAF_v2'
      capacity: 2
    }
    firewallPolicy: {
      id: wafPolicyId
    }
    gatewayIPConfigurations: [
      {
        name: 'gateway'
        properties: {
          subnet: {
            id: subnetId
          }
        }
      }
    ]
  }
}
"),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for r in &state.azure.network.application_gateways {
        let v = &r.waf;
        if v.is_false() {
            report.add(
                &r.resource,
                &v.meta,
                "No web application firewall inspects the gateway's traffic",
            );
        } else if v.is_true() {
            report.pass(&r.resource);
        }
    }
}
