use crate::check::{Fix, Format, arm_bad, arm_good, bicep_bad, bicep_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags an Azure Cache for Redis with the non-SSL port (6379) enabled
    /// (`non_ssl_port_enabled`, `enable_non_ssl_port` in provider 3.x; false by default).
    ///
    /// On the plain-text port, the access key and every cached value cross the network
    /// unencrypted.
    pub static CHECK = {
        id: "azure-redis-non-ssl-port",
        title: "Redis cache opens its plain-text port",
        severity: High,
        risk_score: 7.0,
        provider: Azure,
        service: "redis",
        formats: [Terraform, Arm, Bicep],
        status: Preview,
        compliance: {
            NIST_800_53: ["SC-8"],
            ISO_27001: ["A.8.24"],
            SOC2: ["CC6.7"],
        },
        aliases: ["CKV_AZURE_91"],
        remediation: "Remove `non_ssl_port_enabled = true`; clients connect over TLS on port 6380.",
        references: ["https://learn.microsoft.com/en-us/azure/azure-cache-for-redis/cache-configure#access-ports"],
        examples: [
            tf_bad("The plain-text port through a variable's default", r#"
variable "plain_port" {
  default = true
}

resource "azurerm_redis_cache" "main" {
  name                = "example-cache"
  location            = "westeurope"
  resource_group_name = "app-rg"
  capacity            = 1
  family              = "C"
  sku_name            = "Standard"
  non_ssl_port_enabled = var.plain_port
}
"#),
            tf_good("TLS only", r#"
resource "azurerm_redis_cache" "main" {
  name                = "example-cache"
  location            = "westeurope"
  resource_group_name = "app-rg"
  capacity            = 1
  family              = "C"
  sku_name            = "Standard"
  minimum_tls_version = "1.2"
}
"#),
            arm_bad("The plain-text port from a parameter's default", r#"
{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "parameters": {
    "cacheName": {
      "type": "string",
      "defaultValue": "example-cache"
    },
    "plainPort": {
      "type": "bool",
      "defaultValue": true
    }
  },
  "resources": [
    {
      "type": "Microsoft.Cache/redis",
      "apiVersion": "2024-03-01",
      "name": "[parameters('cacheName')]",
      "location": "[resourceGroup().location]",
      "properties": {
        "sku": {
          "name": "Standard",
          "family": "C",
          "capacity": 1
        },
        "enableNonSslPort": "[parameters('plainPort')]",
        "minimumTlsVersion": "1.2",
        "publicNetworkAccess": "Disabled"
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
    "cacheName": {
      "type": "string",
      "defaultValue": "example-cache"
    }
  },
  "resources": [
    {
      "type": "Microsoft.Cache/redis",
      "apiVersion": "2024-03-01",
      "name": "[parameters('cacheName')]",
      "location": "[resourceGroup().location]",
      "properties": {
        "sku": {
          "name": "Standard",
          "family": "C",
          "capacity": 1
        },
        "enableNonSslPort": false,
        "minimumTlsVersion": "1.2",
        "publicNetworkAccess": "Disabled"
      }
    }
  ]
}
"#),
            bicep_bad("The plain-text port from a parameter's default", r"
param cacheName string = 'example-cache'
param plainPort bool = true

resource redis 'Microsoft.Cache/redis@2024-03-01' = {
  name: cacheName
  location: resourceGroup().location
  properties: {
    sku: {
      name: 'Standard'
      family: 'C'
      capacity: 1
    }
    enableNonSslPort: plainPort
    minimumTlsVersion: '1.2'
    publicNetworkAccess: 'Disabled'
  }
}
"),
            bicep_good("The secure value, written literally", r"
param cacheName string = 'example-cache'

resource redis 'Microsoft.Cache/redis@2024-03-01' = {
  name: cacheName
  location: resourceGroup().location
  properties: {
    sku: {
      name: 'Standard'
      family: 'C'
      capacity: 1
    }
    enableNonSslPort: false
    minimumTlsVersion: '1.2'
    publicNetworkAccess: 'Disabled'
  }
}
"),
        ],
        fixes: [Fix::set(Format::Terraform, &["non_ssl_port_enabled"], "false")],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for r in &state.azure.redis.caches {
        let v = &r.non_ssl_port;
        if v.is_true() {
            report.add(&r.resource, &v.meta, "The non-SSL port 6379 is enabled");
        } else if v.is_false() {
            report.pass(&r.resource);
        }
    }
}
