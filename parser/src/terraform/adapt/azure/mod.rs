//! Adapters for the Terraform `azurerm` provider, one module per service of the model.
//! Where an attribute is absent, the provider's documented default applies (cited where it
//! is read); where the provider computes it, the value is Unknown.

mod acr;
mod aks;
mod appservice;
mod authorization;
mod azapi;
mod compute;
mod cosmosdb;
mod database;
mod datafactory;
mod keyvault;
mod messaging;
mod monitor;
mod network;
mod redis;
mod search;
mod sql;
mod storage;

use super::{Cx, Node, Reader, src};
use cloudsentinel_model::Value;
use cloudsentinel_model::azure::Azure;

/// Adapts every Azure resource of the evaluation. Unknown resource types are ignored.
pub(crate) fn adapt(cx: &Cx<'_>, azure: &mut Azure) {
    storage::adapt(cx, &mut azure.storage);
    network::adapt(cx, &mut azure.network);
    sql::adapt(cx, &mut azure.sql);
    keyvault::adapt(cx, &mut azure.keyvault);
    compute::adapt(cx, &mut azure.compute);
    appservice::adapt(cx, &mut azure.appservice);
    aks::adapt(cx, &mut azure.aks);
    authorization::adapt(cx, &mut azure.authorization);
    database::adapt(cx, &mut azure.database);
    cosmosdb::adapt(cx, &mut azure.cosmosdb);
    acr::adapt(cx, &mut azure.acr);
    monitor::adapt(cx, &mut azure.monitor);
    redis::adapt(cx, &mut azure.redis);
    datafactory::adapt(cx, &mut azure.datafactory);
    search::adapt(cx, &mut azure.search);
    messaging::adapt(cx, &mut azure.messaging);
    azapi::adapt(cx, azure);
}

/// A setting of the first nested block `block`: `read` from the block, `default` at the
/// resource when the block is absent, Unknown when blocks could not be expanded.
fn in_block<T>(
    node: &Node<'_>,
    block: &str,
    default: T,
    read: impl FnOnce(&Node<'_>) -> Value<T>,
) -> Value<T> {
    let children = node.children(block);
    match children.nodes.first() {
        Some(b) => read(b),
        None if children.incomplete => Value::unknown(src(node.loc())),
        None => Value::default_at(default, src(node.loc())),
    }
}

/// The first of several attribute names that is written (providers renamed attributes
/// between major versions: `enable_https_traffic_only` became `https_traffic_only_enabled`).
fn first_of<'n>(node: &Node<'_>, names: &[&'n str]) -> &'n str {
    names
        .iter()
        .find(|n| node.has(n))
        .copied()
        .unwrap_or(names[0])
}
