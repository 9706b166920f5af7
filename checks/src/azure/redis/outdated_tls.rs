use crate::check::{Fix, Format, arm_bad, arm_good, bicep_bad, bicep_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;
use cloudsentinel_model::azure::tls_below_1_2;

declare_check! {
    /// Flags an Azure Cache for Redis whose minimum TLS version is below 1.2. The azurerm
    /// provider's default changed between versions (1.0 in 3.x, 1.2 in 4.x), so only a written value
    /// is judged.
    ///
    /// TLS 1.0 and 1.1 have known weaknesses and are deprecated (RFC 8996).
    pub static CHECK = {
        id: "azure-redis-outdated-tls",
        title: "Redis cache accepts TLS older than 1.2",
        severity: Medium,
        risk_score: 5.0,
        provider: Azure,
        service: "redis",
        formats: [Terraform, Arm, Bicep],
        status: Preview,
        compliance: {
            NIST_800_53: ["SC-8", "SC-13"],
            ISO_27001: ["A.8.24"],
            SOC2: ["CC6.7"],
        },
        aliases: [],
        remediation: "Set `minimum_tls_version = \"1.2\"`.",
        references: ["https://learn.microsoft.com/en-us/azure/azure-cache-for-redis/cache-remove-tls-10-11"],
        examples: [
            tf_bad("TLS 1.0 through a variable's default", r#"
variable "min_tls" {
  default = "1.0"
}

resource "azurerm_redis_cache" "main" {
  name                = "example-cache"
  location            = "westeurope"
  resource_group_name = "app-rg"
  capacity            = 1
  family              = "C"
  sku_name            = "Standard"
  minimum_tls_version = var.min_tls
}
"#),
            tf_good("TLS 1.2", r#"
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
            arm_bad("TLS 1.0 from a parameter's default", r#"
{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "parameters": {
    "cacheName": {
      "type": "string",
      "defaultValue": "example-cache"
    },
    "minTls": {
      "type": "string",
      "defaultValue": "1.0"
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
        "minimumTlsVersion": "[parameters('minTls')]",
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
            bicep_bad("TLS 1.0 from a parameter's default", r"
param cacheName string = 'example-cache'
param minTls string = '1.0'

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
    minimumTlsVersion: minTls
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
        fixes: [Fix::set(Format::Terraform, &["minimum_tls_version"], "\"1.2\"")],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for r in &state.azure.redis.caches {
        let v = &r.min_tls_version;
        match v.as_str().and_then(tls_below_1_2) {
            Some(true) => report.add(
                &r.resource,
                &v.meta,
                format!(
                    "The minimum TLS version is {}",
                    v.as_str().unwrap_or_default()
                ),
            ),
            Some(false) => report.pass(&r.resource),
            None => {}
        }
    }
}
