//! The Google Cloud part of the model, one module per service. Fields follow the GCP APIs'
//! concepts (a bucket's IAM bindings, a firewall's `sourceRanges`), not one front-end's
//! spelling, so Terraform, Deployment Manager and a live reader fill the same types.

pub mod bigquery;
pub mod compute;
pub mod dns;
pub mod gke;
pub mod iam;
pub mod kms;
pub mod network;
pub mod sql;
pub mod storage;

use crate::{CloudModel, Provider};

#[derive(Debug, Default, Clone)]
pub struct Google {
    pub storage: storage::Storage,
    pub compute: compute::Compute,
    pub sql: sql::Sql,
    pub kms: kms::Kms,
    pub iam: iam::Iam,
    pub gke: gke::Gke,
    pub network: network::Network,
    pub dns: dns::Dns,
    pub bigquery: bigquery::BigQuery,
}

/// Applies `$m!(field.path)` to every list of the Google model; the one place that lists them.
macro_rules! each_list {
    ($m:ident) => {
        $m!(storage.buckets);
        $m!(compute.firewalls);
        $m!(compute.instances);
        $m!(sql.instances);
        $m!(kms.crypto_keys);
        $m!(iam.policies);
        $m!(iam.service_account_keys);
        $m!(gke.clusters);
        $m!(gke.node_pools);
        $m!(network.subnetworks);
        $m!(dns.managed_zones);
        $m!(bigquery.datasets);
    };
}

impl CloudModel for Google {
    const PROVIDER: Provider = Provider::Google;

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

    fn extend_all(&mut self, others: Vec<Google>) {
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

#[cfg(test)]
mod tests {
    use super::dns::ManagedZone;
    use crate::{Origin, Provider, ResourceMeta, State, Value};

    fn zone(name: &str) -> State {
        let o = Origin::None;
        let mut s = State::default();
        s.google.dns.managed_zones.push(ManagedZone {
            resource: ResourceMeta::new(Provider::Google, name, o.clone()),
            visibility: Value::explicit("public".into(), o.clone()),
            dnssec_state: Value::explicit("on".into(), o.clone()),
            key_algorithms: Vec::new(),
        });
        s
    }

    #[test]
    fn google_resources_survive_merging_states() {
        let mut merged = zone("a");
        merged.extend_all(vec![zone("b"), State::default()]);
        assert_eq!(merged.google.dns.managed_zones.len(), 2);
        assert_eq!(merged.resource_count(), 2);
    }
}
