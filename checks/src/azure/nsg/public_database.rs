use super::judge_public;
use crate::check::{arm_bad, arm_good, bicep_bad, bicep_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;
use cloudsentinel_model::net::DATABASE_PORTS;

declare_check! {
    /// Flags a network security group rule that allows inbound TCP from the internet to a
    /// database or cache port: SQL Server (1433), Oracle (1521), MySQL (3306), PostgreSQL (5432),
    /// Redis (6379), Elasticsearch (9200), Memcached (11211) or MongoDB (27017). A rule open on all
    /// ports is reported by `azure-nsg-public-all-ports` instead.
    ///
    /// Databases exposed to the internet are found by scanners within hours and attacked with
    /// default credentials, brute force and engine vulnerabilities; ransom-wiped MongoDB and Redis
    /// instances are the classic result.
    pub static CHECK = {
        id: "azure-nsg-public-database",
        title: "Network security group admits database ports from the internet",
        severity: High,
        risk_score: 8.5,
        provider: Azure,
        service: "nsg",
        formats: [Terraform, Arm, Bicep],
        status: Preview,
        compliance: {
            NIST_800_53: ["SC-7", "AC-4"],
            ISO_27001: ["A.8.20", "A.8.22"],
            SOC2: ["CC6.6"],
        },
        aliases: [],
        remediation: "Admit only the application subnets that use the database; reach it through private endpoints.",
        references: ["https://learn.microsoft.com/en-us/azure/virtual-network/network-security-groups-overview"],
        examples: [
            tf_bad("PostgreSQL from anywhere through a variable's default", r#"
variable "db_port" {
  default = "5432"
}

resource "azurerm_network_security_group" "db" {
  name                = "db-nsg"
  location            = "westeurope"
  resource_group_name = "app-rg"

  security_rule {
    name                       = "postgres"
    priority                   = 100
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = var.db_port
    source_address_prefix      = "Internet"
    destination_address_prefix = "*"
  }
}
"#),
            tf_good("PostgreSQL from the application subnet only", r#"
resource "azurerm_network_security_group" "db" {
  name                = "db-nsg"
  location            = "westeurope"
  resource_group_name = "app-rg"

  security_rule {
    name                       = "postgres"
    priority                   = 100
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "5432"
    source_address_prefix      = "10.0.1.0/24"
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
      "defaultValue": "Internet"
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
              "destinationPortRange": "5432",
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
              "destinationPortRange": "5432",
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
param sourcePrefix string = 'Internet'

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
          destinationPortRange: '5432'
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
          destinationPortRange: '5432'
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
            if !r.carries_tcp()? {
                return Some(false);
            }
            let mut unknown = false;
            for port in DATABASE_PORTS {
                match r.covers_port(u32::try_from(port).unwrap_or_default()) {
                    Some(true) => return Some(true),
                    Some(false) => {}
                    None => unknown = true,
                }
            }
            if unknown { None } else { Some(false) }
        },
        "database ports",
    );
}
