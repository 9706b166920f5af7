//! `azurerm_cosmosdb_account`.

use crate::terraform::adapt::{Cx, Node, Reader, resource_meta};
use cloudsentinel_model::Value;
use cloudsentinel_model::azure::cosmosdb::{CosmosAccount, CosmosDb};

pub(super) fn adapt(cx: &Cx<'_>, out: &mut CosmosDb) {
    for &res in cx.resources("azurerm_cosmosdb_account") {
        let node = Node::resource(res);
        // `ip_range_filter` is a comma-separated string in provider 3.x, a set in 4.x.
        let ip_rules: Vec<Value<String>> = node
            .strings("ip_range_filter")
            .unwrap_or_default()
            .into_iter()
            .flat_map(|v| match v.as_str() {
                Some(s) if s.contains(',') => s
                    .split(',')
                    .map(str::trim)
                    .filter(|p| !p.is_empty())
                    .map(|p| Value::new(Some(p.to_string()), v.meta.clone()))
                    .collect(),
                Some("") => Vec::new(),
                _ => vec![v],
            })
            .collect();
        out.accounts.push(CosmosAccount {
            resource: resource_meta(res),
            // Provider defaults: public network access on, no virtual network filter.
            public_network_access: node.bool("public_network_access_enabled", Some(true)),
            ip_rules,
            virtual_network_filter: node.bool("is_virtual_network_filter_enabled", Some(false)),
            local_auth_disabled: node.bool("local_authentication_disabled", Some(false)),
            key_metadata_writes: node.bool("access_key_metadata_writes_enabled", Some(true)),
        });
    }
}
