use super::judge_public;
use crate::check::{arm_bad, arm_good, bicep_bad, bicep_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags a network security group rule (inline or an `azurerm_network_security_rule`) that
    /// allows inbound TCP to port 22 from the internet: the source is `*`, `Internet`, `Any`,
    /// `0.0.0.0/0`, or address ranges that together cover every address. A rule open on all ports is
    /// reported by `azure-nsg-public-all-ports` instead.
    ///
    /// SSH exposed to the internet is brute-forced within minutes of deployment, and every
    /// vulnerability of the service becomes remotely exploitable. Reach machines through Azure Bastion,
    /// a VPN or just-in-time access instead.
    pub static CHECK = {
        id: "azure-nsg-public-ssh",
        title: "Network security group admits SSH from the internet",
        severity: High,
        risk_score: 8.0,
        provider: Azure,
        service: "nsg",
        formats: [Terraform, Arm, Bicep],
        compliance: {
            CIS_AZURE: ["6.2"],
            NIST_800_53: ["SC-7", "AC-17"],
            ISO_27001: ["A.8.20", "A.8.22"],
            SOC2: ["CC6.6"],
        },
        aliases: ["CKV_AZURE_10"],
        remediation: "Restrict the rule's source to the addresses that need SSH, or remove the rule and use Azure Bastion or just-in-time VM access.",
        references: ["https://learn.microsoft.com/en-us/azure/virtual-network/network-security-groups-overview", "https://learn.microsoft.com/en-us/azure/bastion/bastion-overview"],
        examples: [
            tf_bad("SSH from anywhere through a variable's default", r#"
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
    destination_port_range     = "22"
    source_address_prefix      = var.ssh_source
    destination_address_prefix = "*"
  }
}
"#),
            tf_good("SSH from the office range only, as a rule resource", r#"
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
  destination_port_range      = "22"
  source_address_prefix       = "203.0.113.0/24"
  destination_address_prefix  = "*"
  resource_group_name         = "app-rg"
  network_security_group_name = azurerm_network_security_group.web.name
}
"#),
            tf_bad("Two halves of the internet, as a rule resource", r#"
resource "azurerm_network_security_group" "web" {
  name                = "web-nsg"
  location            = "westeurope"
  resource_group_name = "app-rg"
}

resource "azurerm_network_security_rule" "ssh" {
  name                        = "ssh"
  priority                    = 110
  direction                   = "Inbound"
  access                      = "Allow"
  protocol                    = "*"
  source_port_range           = "*"
  destination_port_ranges     = ["22", "443"]
  source_address_prefixes     = ["0.0.0.0/1", "128.0.0.0/1"]
  destination_address_prefix  = "*"
  resource_group_name         = "app-rg"
  network_security_group_name = azurerm_network_security_group.web.name
}
"#),
            tf_good("SSH denied from the internet", r#"
resource "azurerm_network_security_group" "web" {
  name                = "web-nsg"
  location            = "westeurope"
  resource_group_name = "app-rg"

  security_rule {
    name                       = "deny-ssh"
    priority                   = 100
    direction                  = "Inbound"
    access                     = "Deny"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "22"
    source_address_prefix      = "Internet"
    destination_address_prefix = "*"
  }
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
      "defaultValue": "*"
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
              "destinationPortRange": "22",
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
              "destinationPortRange": "22",
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
param sourcePrefix string = '*'

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
          destinationPortRange: '22'
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
          destinationPortRange: '22'
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
    judge_public(
        state,
        report,
        |r| {
            if r.covers_all_ports() == Some(true) {
                // Reported by azure-nsg-public-all-ports.
                return None;
            }
            match (r.carries_tcp()?, r.covers_port(22)?) {
                (true, true) => Some(true),
                _ => Some(false),
            }
        },
        "SSH (port 22)",
    );
}
