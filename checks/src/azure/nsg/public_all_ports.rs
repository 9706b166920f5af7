use super::judge_public;
use crate::check::{arm_bad, arm_good, bicep_bad, bicep_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;
use cloudsentinel_model::azure::network::SecurityRule;

declare_check! {
    /// Flags a network security group rule that allows inbound traffic on every port (`*` or
    /// `0-65535`) from the internet (`*`, `Internet`, `Any`, `0.0.0.0/0`, or ranges that together
    /// cover every address).
    ///
    /// Every service on the machines behind the group, including management ports and services
    /// listening only by accident, is reachable by anyone.
    pub static CHECK = {
        id: "azure-nsg-public-all-ports",
        title: "Network security group admits every port from the internet",
        severity: Critical,
        risk_score: 9.0,
        provider: Azure,
        service: "nsg",
        formats: [Terraform, Arm, Bicep],
        compliance: {
            NIST_800_53: ["SC-7", "AC-4"],
            ISO_27001: ["A.8.20", "A.8.22"],
            SOC2: ["CC6.6"],
        },
        aliases: [],
        remediation: "Allow only the ports the service needs, from the addresses that need them.",
        references: ["https://learn.microsoft.com/en-us/azure/virtual-network/network-security-groups-overview"],
        examples: [
            tf_bad("Every port from anywhere through a variable's default", r#"
variable "ssh_source" {
  default = "*"
}

resource "azurerm_network_security_group" "web" {
  name                = "web-nsg"
  location            = "westeurope"
  resource_group_name = "app-rg"

  security_rule {
    name                       = "allow-in"
    priority                   = 100
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "*"
    source_address_prefix      = var.ssh_source
    destination_address_prefix = "*"
  }
}
"#),
            tf_good("HTTPS only from anywhere, as a rule resource", r#"
resource "azurerm_network_security_group" "web" {
  name                = "web-nsg"
  location            = "westeurope"
  resource_group_name = "app-rg"
}

resource "azurerm_network_security_rule" "in" {
  name                        = "allow-in"
  priority                    = 100
  direction                   = "Inbound"
  access                      = "Allow"
  protocol                    = "Tcp"
  source_port_range           = "*"
  destination_port_range      = "443"
  source_address_prefix       = "Internet"
  destination_address_prefix  = "*"
  resource_group_name         = "app-rg"
  network_security_group_name = azurerm_network_security_group.web.name
}
"#),
            arm_bad("The internet as the source, from a parameter's default", r#"
{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "parameters": {
    "nsgName": {
      "type": "string",
      "defaultValue": "web-nsg"
    },
    "sourcePrefix": {
      "type": "string",
      "defaultValue": "0.0.0.0/0"
    }
  },
  "resources": [
    {
      "type": "Microsoft.Network/networkSecurityGroups",
      "apiVersion": "2023-09-01",
      "name": "[parameters('nsgName')]",
      "location": "[resourceGroup().location]",
      "properties": {
        "securityRules": [
          {
            "name": "allow-in",
            "properties": {
              "priority": 100,
              "direction": "Inbound",
              "access": "Allow",
              "protocol": "Tcp",
              "sourcePortRange": "*",
              "destinationPortRange": "*",
              "sourceAddressPrefix": "[parameters('sourcePrefix')]",
              "destinationAddressPrefix": "*"
            }
          }
        ]
      }
    }
  ]
}
"#),
            arm_good("One office range as the source", r#"
{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "parameters": {
    "nsgName": {
      "type": "string",
      "defaultValue": "web-nsg"
    }
  },
  "resources": [
    {
      "type": "Microsoft.Network/networkSecurityGroups",
      "apiVersion": "2023-09-01",
      "name": "[parameters('nsgName')]",
      "location": "[resourceGroup().location]",
      "properties": {
        "securityRules": [
          {
            "name": "allow-in",
            "properties": {
              "priority": 100,
              "direction": "Inbound",
              "access": "Allow",
              "protocol": "Tcp",
              "sourcePortRange": "*",
              "destinationPortRange": "*",
              "sourceAddressPrefix": "203.0.113.0/24",
              "destinationAddressPrefix": "*"
            }
          }
        ]
      }
    }
  ]
}
"#),
            bicep_bad("The internet as the source, from a parameter's default", r"
param nsgName string = 'web-nsg'
param sourcePrefix string = '0.0.0.0/0'

resource networkSecurityGroups 'Microsoft.Network/networkSecurityGroups@2023-09-01' = {
  name: nsgName
  location: resourceGroup().location
  properties: {
    securityRules: [
      {
        name: 'allow-in'
        properties: {
          priority: 100
          direction: 'Inbound'
          access: 'Allow'
          protocol: 'Tcp'
          sourcePortRange: '*'
          destinationPortRange: '*'
          sourceAddressPrefix: sourcePrefix
          destinationAddressPrefix: '*'
        }
      }
    ]
  }
}
"),
            bicep_good("One office range as the source", r"
param nsgName string = 'web-nsg'

resource networkSecurityGroups 'Microsoft.Network/networkSecurityGroups@2023-09-01' = {
  name: nsgName
  location: resourceGroup().location
  properties: {
    securityRules: [
      {
        name: 'allow-in'
        properties: {
          priority: 100
          direction: 'Inbound'
          access: 'Allow'
          protocol: 'Tcp'
          sourcePortRange: '*'
          destinationPortRange: '*'
          sourceAddressPrefix: '203.0.113.0/24'
          destinationAddressPrefix: '*'
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
    judge_public(state, report, SecurityRule::covers_all_ports, "every port");
}
