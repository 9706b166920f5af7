use crate::check::{arm_bad, arm_good, bicep_bad, bicep_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags an Azure SQL server firewall rule spanning 0.0.0.0 to 255.255.255.255. (The rule
    /// from 0.0.0.0 to 0.0.0.0 is Azure's "allow Azure services" switch and is not flagged here.)
    ///
    /// The server's endpoint then accepts connections from every address: its logins are
    /// brute-forced and any leaked password is enough to reach the data.
    pub static CHECK = {
        id: "azure-sql-firewall-open",
        title: "SQL server firewall admits the whole internet",
        severity: Critical,
        risk_score: 9.0,
        provider: Azure,
        service: "sql",
        formats: [Terraform, Arm, Bicep],
        compliance: {
            CIS_AZURE: ["4.1.2"],
            NIST_800_53: ["SC-7", "AC-3"],
            ISO_27001: ["A.8.20", "A.8.22"],
            SOC2: ["CC6.6"],
        },
        aliases: ["CKV_AZURE_11"],
        remediation: "Admit only the client ranges that need the database, or use private endpoints and `public_network_access_enabled = false`.",
        references: ["https://learn.microsoft.com/en-us/azure/azure-sql/database/firewall-configure"],
        examples: [
            tf_bad("Every address through a variable's default", r#"
variable "allowed_range" {
  default = { start = "0.0.0.0", end = "255.255.255.255" }
}

resource "azurerm_mssql_firewall_rule" "clients" {
  name             = "clients"
  server_id        = "/subscriptions/0000/resourceGroups/app-rg/providers/Microsoft.Sql/servers/example-sql"
  start_ip_address = var.allowed_range.start
  end_ip_address   = var.allowed_range.end
}
"#),
            tf_good("One office range", r#"
resource "azurerm_mssql_firewall_rule" "clients" {
  name             = "clients"
  server_id        = "/subscriptions/0000/resourceGroups/app-rg/providers/Microsoft.Sql/servers/example-sql"
  start_ip_address = "203.0.113.0"
  end_ip_address   = "203.0.113.255"
}
"#),
            arm_bad("Every address, the end from a parameter's default", r#"
{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "parameters": {
    "endAddress": {
      "type": "string",
      "defaultValue": "255.255.255.255"
    }
  },
  "resources": [
    {
      "type": "Microsoft.Sql/servers/firewallRules",
      "apiVersion": "2023-08-01-preview",
      "name": "example-sql/clients",
      "properties": {
        "startIpAddress": "0.0.0.0",
        "endIpAddress": "[parameters('endAddress')]"
      }
    }
  ]
}
"#),
            arm_good("One office range", r#"
{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "resources": [
    {
      "type": "Microsoft.Sql/servers/firewallRules",
      "apiVersion": "2023-08-01-preview",
      "name": "example-sql/clients",
      "properties": {
        "startIpAddress": "203.0.113.0",
        "endIpAddress": "203.0.113.255"
      }
    }
  ]
}
"#),
            bicep_bad("Every address, the end from a parameter's default", r"
param endAddress string = '255.255.255.255'

resource firewallRules 'Microsoft.Sql/servers/firewallRules@2023-08-01-preview' = {
  name: 'example-sql/clients'
  properties: {
    startIpAddress: '0.0.0.0'
    endIpAddress: endAddress
  }
}
"),
            bicep_good("One office range", r"
resource firewallRules 'Microsoft.Sql/servers/firewallRules@2023-08-01-preview' = {
  name: 'example-sql/clients'
  properties: {
    startIpAddress: '203.0.113.0'
    endIpAddress: '203.0.113.255'
  }
}
"),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for r in &state.azure.sql.firewall_rules {
        let (Some(start), Some(end)) = (r.start_ip.as_str(), r.end_ip.as_str()) else {
            continue;
        };
        if start.trim() == "0.0.0.0" && end.trim() == "255.255.255.255" {
            report.add(
                &r.resource,
                &r.end_ip.meta,
                "The firewall rule admits 0.0.0.0-255.255.255.255",
            );
        } else {
            report.pass(&r.resource);
        }
    }
}
