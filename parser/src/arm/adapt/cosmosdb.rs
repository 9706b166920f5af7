//! `Microsoft.DocumentDB/databaseAccounts`.

use super::{Cx, props, resource_meta};
use crate::adapt::Reader;
use cloudsentinel_model::azure::cosmosdb::{CosmosAccount, CosmosDb};

pub(super) fn adapt(cx: &Cx<'_>, out: &mut CosmosDb) {
    for &r in cx.resources("Microsoft.DocumentDB/databaseAccounts") {
        let p = props(r);
        let rules = p.list("ipRules");
        let mut ip_rules: Vec<_> = rules
            .nodes
            .iter()
            .map(|rule| rule.string("ipAddressOrRange", None))
            .collect();
        if rules.incomplete {
            ip_rules.push(cloudsentinel_model::Value::unknown(crate::adapt::src(
                p.loc,
            )));
        }
        // Defaults: public network access Enabled, no virtual network filter, local
        // (key) authentication on, key-based metadata writes allowed.
        out.accounts.push(CosmosAccount {
            resource: resource_meta(r),
            public_network_access: p.enabled("publicNetworkAccess", Some(true)),
            ip_rules,
            virtual_network_filter: p.bool("isVirtualNetworkFilterEnabled", Some(false)),
            local_auth_disabled: p.bool("disableLocalAuth", Some(false)),
            key_metadata_writes: p
                .bool("disableKeyBasedMetadataWriteAccess", Some(false))
                .map(|disabled| !disabled),
        });
    }
}
