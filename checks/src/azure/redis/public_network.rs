use crate::check::{Fix, Format, arm_bad, arm_good, bicep_bad, bicep_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags an Azure Cache for Redis with public network access enabled (the azurerm
    /// provider's default for `public_network_access_enabled` is true).
    ///
    /// A public cache endpoint is reachable from anywhere; its access key is then the only
    /// protection of the cached sessions and data.
    pub static CHECK = {
        id: "azure-redis-public-network",
        title: "Redis cache accepts connections from public networks",
        severity: Medium,
        risk_score: 5.0,
        provider: Azure,
        service: "redis",
        formats: [Terraform, Arm, Bicep],
        status: Preview,
        compliance: {
            NIST_800_53: ["SC-7"],
            ISO_27001: ["A.8.20", "A.8.22"],
            SOC2: ["CC6.6"],
        },
        aliases: ["CKV_AZURE_89"],
        remediation: "Set `public_network_access_enabled = false` and use private endpoints.",
        references: ["https://learn.microsoft.com/en-us/azure/azure-cache-for-redis/cache-private-link"],
        examples: [
            tf_bad("Public access through a variable's default", r#"
variable "public" {
  default = true
}

resource "azurerm_redis_cache" "main" {
  name                = "example-cache"
  location            = "westeurope"
  resource_group_name = "app-rg"
  capacity            = 1
  family              = "C"
  sku_name            = "Standard"
  public_network_access_enabled = var.public
}
"#),
            tf_good("Private endpoints only", r#"
resource "azurerm_redis_cache" "main" {
  name                = "example-cache"
  location            = "westeurope"
  resource_group_name = "app-rg"
  capacity            = 1
  family              = "C"
  sku_name            = "Standard"
  public_network_access_enabled = false
}
"#),
            arm_bad("Public access from a parameter's default", r#"
{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "parameters": {
    "cacheName": {
      "type": "string",
      "defaultValue": "example-cache"
    },
    "publicAccess": {
      "type": "string",
      "defaultValue": "Enabled"
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
        "publicNetworkAccess": "[parameters('publicAccess')]"
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
            bicep_bad("Public access from a parameter's default", r"
param cacheName string = 'example-cache'
param publicAccess string = 'Enabled'

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
    publicNetworkAccess: publicAccess
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
        fixes: [Fix::set(Format::Terraform, &["public_network_access_enabled"], "false")],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for r in &state.azure.redis.caches {
        let v = &r.public_network_access;
        if v.is_true() {
            report.add(&r.resource, &v.meta, "Public network access is enabled");
        } else if v.is_false() {
            report.pass(&r.resource);
        }
    }
}
