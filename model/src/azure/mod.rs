//! The Azure part of the model, one module per service. Fields follow Azure Resource Manager's
//! concepts (a storage account's `supportsHttpsTrafficOnly`, a security rule's
//! `sourceAddressPrefixes`), not one front-end's spelling, so azurerm Terraform, ARM templates,
//! Bicep and a live reader fill the same types. Defaults differ between sources (the azurerm
//! provider documents its own, ARM's depend on the API version): each front-end's adapter
//! decides the default it applies, and cites it.

pub mod acr;
pub mod aks;
pub mod appservice;
pub mod authorization;
pub mod compute;
pub mod cosmosdb;
pub mod database;
pub mod datafactory;
pub mod keyvault;
pub mod messaging;
pub mod monitor;
pub mod network;
pub mod redis;
pub mod search;
pub mod sql;
pub mod storage;

use crate::{CloudModel, Provider};

#[derive(Debug, Default, Clone)]
pub struct Azure {
    pub storage: storage::Storage,
    pub network: network::Network,
    pub sql: sql::Sql,
    pub keyvault: keyvault::KeyVaults,
    pub compute: compute::Compute,
    pub appservice: appservice::AppService,
    pub aks: aks::Aks,
    pub authorization: authorization::Authorization,
    pub database: database::Databases,
    pub cosmosdb: cosmosdb::CosmosDb,
    pub acr: acr::Acr,
    pub monitor: monitor::Monitor,
    pub redis: redis::Redis,
    pub datafactory: datafactory::DataFactory,
    pub search: search::Search,
    pub messaging: messaging::Messaging,
}

/// Applies `$m!(field.path)` to every list of the Azure model; the one place that lists them.
macro_rules! each_list {
    ($m:ident) => {
        $m!(storage.accounts);
        $m!(storage.containers);
        $m!(network.security_rules);
        $m!(sql.servers);
        $m!(sql.firewall_rules);
        $m!(keyvault.vaults);
        $m!(keyvault.items);
        $m!(compute.linux_vms);
        $m!(appservice.web_apps);
        $m!(aks.clusters);
        $m!(authorization.role_definitions);
        $m!(database.servers);
        $m!(cosmosdb.accounts);
        $m!(acr.registries);
        $m!(monitor.log_profiles);
        $m!(network.flow_logs);
        $m!(network.application_gateways);
        $m!(aks.node_pools);
        $m!(compute.vms);
        $m!(redis.caches);
        $m!(datafactory.factories);
        $m!(search.services);
        $m!(messaging.namespaces);
    };
}

impl CloudModel for Azure {
    const PROVIDER: Provider = Provider::Azure;

    fn resource_count(&self) -> usize {
        let mut n = 0;
        macro_rules! count {
            ($a:ident . $b:ident) => {
                n += self.$a.$b.len();
            };
        }
        each_list!(count);
        n
    }

    fn extend_all(&mut self, others: Vec<Azure>) {
        macro_rules! reserve {
            ($a:ident . $b:ident) => {
                self.$a
                    .$b
                    .reserve(others.iter().map(|o| o.$a.$b.len()).sum());
            };
        }
        each_list!(reserve);
        for mut o in others {
            macro_rules! append {
                ($a:ident . $b:ident) => {
                    self.$a.$b.append(&mut o.$a.$b);
                };
            }
            each_list!(append);
        }
    }
}

/// Whether a minimum TLS version as Azure spells it (`TLS1_0`, `TLS1_2`, `1.1`, `1.2`,
/// `Tls12`) is below TLS 1.2; `None` for anything else (`Disabled`, a typo).
pub fn tls_below_1_2(version: &str) -> Option<bool> {
    let digits: String = version.chars().filter(char::is_ascii_digit).collect();
    match digits.as_str() {
        "10" | "11" => Some(true),
        "12" | "13" => Some(false),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::tls_below_1_2;

    #[test]
    fn tls_versions_in_every_spelling() {
        for old in ["TLS1_0", "TLS1_1", "1.0", "1.1", "Tls11"] {
            assert_eq!(tls_below_1_2(old), Some(true), "{old}");
        }
        for new in ["TLS1_2", "TLS1_3", "1.2", "1.3", "Tls12"] {
            assert_eq!(tls_below_1_2(new), Some(false), "{new}");
        }
        assert_eq!(tls_below_1_2("Disabled"), None);
    }
}
