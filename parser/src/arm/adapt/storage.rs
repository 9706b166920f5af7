//! `Microsoft.Storage/storageAccounts` and their blob containers.

use super::{Cx, api_at_least, known_name, props, resource_meta};
use crate::adapt::{Reader, src};
use cloudsentinel_model::Value;
use cloudsentinel_model::azure::storage::{BlobContainer, Storage, StorageAccount};

const ACCOUNT: &str = "Microsoft.Storage/storageAccounts";
const CONTAINER: &str = "Microsoft.Storage/storageAccounts/blobServices/containers";

pub(super) fn adapt(cx: &Cx<'_>, out: &mut Storage) {
    let mut by_name = Vec::new();
    for &r in cx.resources(ACCOUNT) {
        let p = props(r);
        // API reference (storageAccounts): supportsHttpsTrafficOnly "default value is true
        // since API version 2019-04-01"; minimumTlsVersion "the default interpretation is
        // TLS 1.0"; allowBlobPublicAccess "the default interpretation is false" from
        // 2023-01-01 (true before); allowSharedKeyAccess "null, which is equivalent to true";
        // requireInfrastructureEncryption false; no networkAcls admits every network.
        let https_default = api_at_least(r, "2019-04-01");
        let public_default = api_at_least(r, "2023-01-01").map(|new| !new);
        let account = StorageAccount {
            resource: resource_meta(r),
            https_only: p.bool("supportsHttpsTrafficOnly", https_default),
            min_tls_version: p.string("minimumTlsVersion", Some("TLS1_0")),
            allow_blob_public_access: p.bool("allowBlobPublicAccess", public_default),
            network_default_action: p.nested("networkAcls", "Allow".to_string(), |n| {
                n.string("defaultAction", Some("Allow"))
            }),
            public_network_access: p.string("publicNetworkAccess", Some("Enabled")),
            shared_key_access: p.bool("allowSharedKeyAccess", Some(true)),
            // The default changed for new accounts over time: only a written value counts.
            cross_tenant_replication: p.bool("allowCrossTenantReplication", None),
            infrastructure_encryption: p.nested("encryption", false, |e| {
                e.bool("requireInfrastructureEncryption", Some(false))
            }),
        };
        by_name.push((
            known_name(r).map(str::to_ascii_lowercase),
            out.accounts.len(),
        ));
        out.accounts.push(account);
    }
    for &r in cx.resources(CONTAINER) {
        let p = props(r);
        let account = known_name(r)
            .and_then(|n| n.split('/').next())
            .map(str::to_ascii_lowercase);
        let account_allows_public = match account {
            Some(a) => by_name
                .iter()
                .find(|(n, _)| n.as_deref() == Some(a.as_str()))
                .map(|(_, i)| out.accounts[*i].allow_blob_public_access.clone()),
            None => None,
        }
        .unwrap_or_else(|| Value::unknown(src(r.location)));
        out.containers.push(BlobContainer {
            resource: resource_meta(r),
            // `publicAccess` defaults to `None`.
            public_access: p.string("publicAccess", Some("None")),
            account_allows_public,
        });
    }
}
